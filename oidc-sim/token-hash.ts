import { hash } from 'node:crypto';

// crypto.hash (Node >= 20.12, engines asks for 20.19) digests in one native call: about a third of what a
// createHash object costs, and the simulator hashes on every store access and ledger event (issue 18).

/** Short, stable fingerprint of a token value: enough to follow lineage in a ledger, useless as a credential. */
export function tokenHash(value: string): string {
  return hash('sha256', value, 'base64url').slice(0, 12);
}

/** Full-length digest used as a storage key, so the adapter never holds a token value at rest. */
export function storageKey(kind: string, id: string): string {
  return hash('sha256', `${kind}\0${id}`, 'base64url');
}
