/** A report that would leak a token: thrown before the file is shared, naming where, never what. */
export class TokenLeakError extends Error {
  override readonly name = 'TokenLeakError';
  constructor(readonly offsets: number[]) {
    super(`report contains ${offsets.length} token value(s) at offset(s) ${offsets.join(', ')}`);
  }
}

// Shorter strings (a user name, "ok") would match by accident and say nothing about a leak.
const MIN_TOKEN_LENGTH = 8;

/**
 * Throws TokenLeakError if text contains any of the token values. The message gives offsets only, so the check
 * itself cannot leak into a CI log.
 */
export function assertNoTokens(text: string, tokens: Iterable<string>): void {
  const offsets: number[] = [];
  for (const token of tokens) {
    if (token.length < MIN_TOKEN_LENGTH) continue;
    const at = text.indexOf(token);
    if (at >= 0) offsets.push(at);
  }
  if (offsets.length > 0) throw new TokenLeakError(offsets.sort((a, b) => a - b));
}
