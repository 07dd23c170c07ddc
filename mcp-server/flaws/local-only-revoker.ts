import type { Revoker } from '../logout/revoker.js';

/** Flaw `no-revoke-on-logout` (seed 001 #7): tokens are forgotten locally; at the provider they stay alive. */
export function createLocalOnlyRevoker(): Revoker {
  return { revoke: async () => false };
}
