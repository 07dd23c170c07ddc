/**
 * For each flaw of the reference server, the scenario written to catch it and the invariant that must fail.
 * The CI suite and the detection-rate benchmark hold the catalogue to this table.
 */
export const expectedCatches: Record<string, { scenario: string; invariant: string }> = {
  'global-active-session': { scenario: 'dual-windows-different-users', invariant: 'isolation' },
  'unlocked-refresh': { scenario: 'heartbeat-and-tool-call-race', invariant: 'no-reuse' },
  'no-revoke-on-logout': { scenario: 'logout-then-relogin', invariant: 'logout-revokes' },
  'heartbeat-after-logout': { scenario: 'logout-mid-heartbeat', invariant: 'logout-revokes' },
  'no-failure-cleanup': { scenario: 'outage-longer-than-refresh-lifetime', invariant: 'bounded' },
  'tight-heartbeat': { scenario: 'network-delay-during-heartbeat', invariant: 'refresh-in-time' },
  'torn-token-update': { scenario: 'token-write-race', invariant: 'no-reuse' },
  'activation-race': { scenario: 'close-during-login', invariant: 'cleanup' },
  'non-idempotent-logout': { scenario: 'double-logout', invariant: 'idempotent-logout' },
  'overlapping-heartbeat': { scenario: 'overlapping-heartbeat-rounds', invariant: 'bounded' },
  'close-deletes-tokens': { scenario: 'disconnect-and-resume', invariant: 'reconnect' },
  'unvalidated-tokens': { scenario: 'tampered-id-token-at-login', invariant: 'login-validation' },
  // no-reuse whatever the timing; single-flight too when both refreshes reach the gate within its wait.
  'replica-unlocked-refresh': { scenario: 'replicas-aligned-refresh', invariant: 'no-reuse' },
  'blind-delete': { scenario: 'replica-failed-refresher', invariant: 'newer-tokens-kept' },
};
