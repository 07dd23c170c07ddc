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
 * and invariant that catch each one from MCP windows and the simulator's levers alone. `heartbeatSeconds`: caught
 * when the target declares its own heartbeat (`serve --heartbeat-interval S` run with `--target-heartbeat S`), whose
 * rounds the scenario then holds at the provider's gate. `replicas`: caught when the target declares that copies of
 * its command share one store (`serve --store postgres://... --port {port}` run with `--target-replicas 2`; needs
 * $HARNESS_PG_URL). A flaw missing here is caught only with in-process powers (`blackBoxGaps` says why).
 */
export const blackBoxCatches: Record<string, { scenario: string; invariant: string; heartbeatSeconds?: number; replicas?: number }> = {
  'global-active-session': { scenario: 'dual-windows-different-users', invariant: 'isolation' },
  'unlocked-refresh': { scenario: 'heartbeat-and-tool-call-race', invariant: 'no-reuse' },
  'no-revoke-on-logout': { scenario: 'logout-then-relogin', invariant: 'logout-revokes' },
  'no-failure-cleanup': { scenario: 'outage-longer-than-refresh-lifetime', invariant: 'bounded' },
  'non-idempotent-logout': { scenario: 'double-logout', invariant: 'idempotent-logout' },
  'close-deletes-tokens': { scenario: 'disconnect-and-resume', invariant: 'reconnect' },
  'unvalidated-tokens': { scenario: 'tampered-id-token-at-login', invariant: 'login-validation' },
  // The round's first refreshes are held at the gate; a user queued behind them in its snapshot logs out.
  'heartbeat-after-logout': { scenario: 'logout-mid-heartbeat', invariant: 'logout-revokes', heartbeatSeconds: 1 },
  // One refresh of a round is held at the gate past the next ticks; a second round refreshes the other user again.
  'overlapping-heartbeat': { scenario: 'overlapping-heartbeat-rounds', invariant: 'bounded', heartbeatSeconds: 1 },
  // Both replicas need alice's refresh at once (the provider ended her access tokens): two reach the gate.
  'replica-unlocked-refresh': { scenario: 'replicas-aligned-refresh', invariant: 'no-reuse', replicas: 2 },
  // A refresh held at the gate fails after a new login on the other replica; the failure deletes the new tokens.
  'blind-delete': { scenario: 'replica-failed-refresher', invariant: 'newer-tokens-kept', replicas: 2 },
};

/** Flaws whose window a black-box run cannot open on demand, and why (each still caught in process, above). */
export const blackBoxGaps: Record<string, string> = {
  'tight-heartbeat':
    "a start-up check: the reference refuses the seed's 25 s heartbeat against a 30 s refresh token and the flawed one starts with it. Timing is set by the target's own command, not by the harness, and a declared heartbeat alone says nothing about the margin the server keeps",
  'torn-token-update':
    'the two store writes of one refresh follow each other inside the server with no request to the provider between them; no gate, fault or window call can land a refresh in that gap (only the token-write hold point opens it)',
  'activation-race':
    "activation's check and its write follow each other inside the server with no request to the provider or answer to a window between them; a window closed around them lands before or after both (only the activation hold point opens it)",
};
