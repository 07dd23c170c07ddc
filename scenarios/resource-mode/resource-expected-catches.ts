import type { ResourceFlawName } from '../../mcp-server/index.js';

/**
 * For each flaw of the reference resource server, the scenario written to catch it and the invariant that must
 * fail, in process and black-box alike (every one is seen from windows and the simulator's ledger alone).
 */
export const resourceExpectedCatches: Record<ResourceFlawName, { scenario: string; invariant: string }> = {
  'session-not-bound-to-user': { scenario: 'rs-session-hijack', invariant: 'session-binding' },
  'no-audience-check': { scenario: 'rs-foreign-audience', invariant: 'audience' },
  'token-passthrough': { scenario: 'rs-two-users-isolated', invariant: 'no-passthrough' },
  // Also caught at expiry (rs-expired-token-in-flight), with one cache lifetime of slack; a revocation leaves the
  // token's whole remaining life (REVOCATION_WORLD_SIM), so this catch does not depend on how fast the machine is.
  'validation-cache-outlives-revocation': { scenario: 'rs-logout-mid-request', invariant: 'revocation-honoured' },
  'data-cache-keyed-wrong': { scenario: 'rs-two-users-isolated', invariant: 'isolation' },
};
