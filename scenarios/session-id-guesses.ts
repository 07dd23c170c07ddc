/**
 * What an attacker who saw one MCP session id tries next: the ids beside it. The id's last word is stepped by ±1 and
 * ±2 when it is decimal or hex (a UUID's last group), else the digits at its end; a fixed width is kept. A server whose ids come from a
 * counter or a clock hands one of these to somebody else; ids from a CSPRNG make every guess an unknown session.
 */
export function sessionIdGuesses(id: string): string[] {
  const word = /([0-9a-zA-Z]+)([^0-9a-zA-Z]*)$/.exec(id);
  if (!word) return [];
  const [, alnum, tail] = word as unknown as [string, string, string];
  // The run to step: the whole last word when it is decimal or hex, else the digits at its end.
  const digits = /^\d+$/.test(alnum) || /^[0-9a-fA-F]+$/.test(alnum) ? alnum : (/\d+$/.exec(alnum)?.[0] ?? '');
  if (!digits) return [];
  const radix = /^\d+$/.test(digits) ? 10 : 16;
  const head = id.slice(0, id.length - digits.length - tail.length);
  // Only the last 12 digits step (an exact integer), so long random runs stay exact.
  const keep = digits.slice(0, Math.max(0, digits.length - 12));
  const low = digits.slice(keep.length);
  const value = parseInt(low, radix);
  const guesses: string[] = [];
  for (const step of [1, -1, 2, -2]) {
    const next = value + step;
    if (next < 0) continue;
    let text = next.toString(radix);
    if (/[A-F]/.test(low)) text = text.toUpperCase();
    // A counter that grows a digit ("9" to "10") grows; a fixed-width run wraps within its width.
    const fixedWidth = keep !== '' || low.startsWith('0');
    guesses.push(`${head}${keep}${fixedWidth ? text.padStart(low.length, '0').slice(-low.length) : text}${tail}`);
  }
  return [...new Set(guesses)].filter((g) => g !== id);
}
