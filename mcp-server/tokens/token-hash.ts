import { createHash } from 'node:crypto';

/**
 * Short sha256 prefix of a token, for events and timelines; useless as a credential. Same recipe as the
 * simulator's ledger, so server events and provider events about one token line up.
 */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 12);
}

/** Full digest for lookups of secrets we must recognise but never keep (resume credentials). */
export function secretDigest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
