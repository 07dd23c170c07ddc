import { createHash } from 'node:crypto';

/** Short, stable fingerprint of a token value: enough to follow lineage in a ledger, useless as a credential. */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 12);
}

/** Full-length digest used as a storage key, so the adapter never holds a token value at rest. */
export function storageKey(kind: string, id: string): string {
  return createHash('sha256').update(kind).update('\0').update(id).digest('base64url');
}
