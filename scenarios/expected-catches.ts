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

/**
 * The same flaws served as an external process (`--server-cmd "... serve --flaw X"`), judged black-box: the scenario
 * and invariant that catch each one from MCP windows and the simulator's levers alone. A flaw missing here is caught
 * only with in-process powers (`blackBoxGaps` says why).
 */
export const blackBoxCatches: Record<string, { scenario: string; invariant: string }> = {
  'global-active-session': { scenario: 'dual-windows-different-users', invariant: 'isolation' },
  'unlocked-refresh': { scenario: 'heartbeat-and-tool-call-race', invariant: 'no-reuse' },
  'no-revoke-on-logout': { scenario: 'logout-then-relogin', invariant: 'logout-revokes' },
  'no-failure-cleanup': { scenario: 'outage-longer-than-refresh-lifetime', invariant: 'bounded' },
  'non-idempotent-logout': { scenario: 'double-logout', invariant: 'idempotent-logout' },
  'close-deletes-tokens': { scenario: 'disconnect-and-resume', invariant: 'reconnect' },
  'unvalidated-tokens': { scenario: 'tampered-id-token-at-login', invariant: 'login-validation' },
};

/** Flaws whose window a black-box run cannot open on demand, and why (each still caught in process, above). */
export const blackBoxGaps: Record<string, string> = {
  'heartbeat-after-logout': "the gap between a heartbeat round's snapshot and its refresh is inside the server; a gate sees the refresh only once it is sent",
  'tight-heartbeat': 'needs the target to accept the seed\'s 25 s / 30 s timing, which a server started by command decides for itself',
  'torn-token-update': 'the torn record lives between two store writes microseconds apart; only a hold point opens that gap',
  'activation-race': "the window between activation's check and its write is inside the server (no request reaches the provider in it)",
  'overlapping-heartbeat': 'needs heartbeat rounds on demand, or a declared heartbeat period to hold a round past the next tick',
  'replica-unlocked-refresh': 'needs two replicas on one store, which a server started by command does not declare',
  'blind-delete': 'needs two replicas on one store, which a server started by command does not declare',
};
