/**
 * Every flaw the switchboard can bring back, with the seed bug it re-creates, the composition point whose
 * strategy it swaps, the file that holds the flawed strategy (one step from a flaw's name to its code), and what an
 * observer outside the server sees. DESIGN.md's table, in code.
 */
export const flawRegistry = {
  'global-active-session': {
    seed: '001 #9',
    point: 'sessionResolver',
    file: 'mcp-server/flaws/global-active-session-resolver.ts',
    summary: 'one active session for the whole server: every request acts as the last activated user',
    observable: "window A's get_profile/whoami answer window B's user once B logs in or resumes",
  },
  'unlocked-refresh': {
    seed: '001 #1',
    point: 'refresher',
    file: 'mcp-server/flaws/naive-refresher.ts',
    summary: 'each caller refreshes with the refresh token it read; no per-user single flight',
    observable: 'heartbeat + tool call send the same refresh token: ledger reuse.detected, grant revoked, needs_reauth',
  },
  'no-revoke-on-logout': {
    seed: '001 #7',
    point: 'revoker',
    file: 'mcp-server/flaws/local-only-revoker.ts',
    summary: 'logout deletes tokens locally but never calls the revocation endpoint',
    observable: 'no token.revoked in the ledger after logout; the refresh token still introspects active',
  },
  'heartbeat-after-logout': {
    seed: '001 #4',
    point: 'heartbeatStep',
    file: 'mcp-server/flaws/snapshot-step.ts',
    summary: "the heartbeat refreshes from its snapshot without re-checking that the user is still logged in",
    observable: 'a logout during a cycle is followed by a refresh attempt with the revoked token (ledger refresh.rejected)',
  },
  'no-failure-cleanup': {
    seed: '001 #14',
    point: 'failurePolicy',
    file: 'mcp-server/flaws/keep-failing-policy.ts',
    summary: 'a user whose refresh failed keeps its dead tokens and is retried every cycle forever',
    observable: 'the dead refresh token is presented again every cycle; session_status stays authenticated; store keeps the record',
  },
  'tight-heartbeat': {
    seed: '001 #5',
    point: 'heartbeatPolicy',
    file: 'mcp-server/flaws/no-margin-policy.ts',
    summary: 'the heartbeat interval is accepted without the latency margin against the refresh-token lifetime',
    observable: 'a config such as 25 s against 30 s starts (the reference refuses it); a delay on refresh lets the token expire: expired.use, needs_reauth',
  },
  'torn-token-update': {
    seed: '001 #6',
    point: 'tokenWriter',
    file: 'mcp-server/flaws/torn-token-writer.ts',
    summary: 'the refreshed access token is written before the refresh token, outside the refresh flight',
    observable: 'a refresh between the two writes presents the consumed refresh token: ledger reuse.detected, needs_reauth',
  },
  'activation-race': {
    seed: '001 #3',
    point: 'activator',
    file: 'mcp-server/flaws/check-then-set-activator.ts',
    summary: 'activation checks the session, then sets the mapping later: a session deleted in between comes back',
    observable: 'a session closed while its login completes is back in the store, mapped to the user (cleanup invariant)',
  },
  'non-idempotent-logout': {
    seed: '001 #15',
    point: 'logoutRepeat',
    file: 'mcp-server/logout/logout-repeat.ts',
    summary: 'a second logout of an already logged-out session is an error',
    observable: 'the second logout tool call answers isError with not_found',
  },
  'overlapping-heartbeat': {
    seed: '001 #11',
    point: 'cycleGuard',
    file: 'mcp-server/flaws/overlapping-guard.ts',
    summary: 'a heartbeat cycle starts while the previous one still runs',
    observable: 'users the first cycle already refreshed are refreshed again while it waits: more refreshes than cycles (bounded)',
  },
  'close-deletes-tokens': {
    seed: '000',
    point: 'sessionCloser',
    file: 'mcp-server/flaws/delete-tokens-closer.ts',
    summary: "a transport close, DELETE or idle reap is treated as logout and deletes the user's tokens",
    observable: "resume after a reconnect fails with not_authenticated; the user's other windows lose their login",
  },
  'unvalidated-tokens': {
    seed: '001 #17',
    point: 'idTokenValidator',
    file: 'mcp-server/flaws/decoding-validator.ts',
    summary: 'the id_token is decoded without checking signature, issuer, audience or expiry',
    observable: "a forged or expired id_token is accepted: the session is mapped to the id_token's claimed user",
  },
  'replica-unlocked-refresh': {
    seed: '003, 001 #1',
    point: 'refreshLock',
    file: 'mcp-server/flaws/process-refresh-lock.ts',
    summary: "single-flight refresh per process only: replicas sharing one store each refresh the same user's token",
    observable: 'two replicas refreshing one user at once both reach the provider (a gate holds 2, not 1): ledger reuse.detected, grant revoked',
  },
  'blind-delete': {
    seed: '003, 001 #14',
    point: 'tokenEvictor',
    file: 'mcp-server/flaws/blind-evictor.ts',
    summary: 'a failed refresher deletes whatever tokens are stored now, instead of the generation it read',
    observable: "a refresh of a superseded grant fails after another replica stored a new login: that login's windows get needs_reauth",
  },
} as const satisfies Record<string, { seed: string; point: string; file: string; summary: string; observable: string }>;

export type FlawName = keyof typeof flawRegistry;
export type CompositionPoint = (typeof flawRegistry)[FlawName]['point'];
export const flawNames = Object.keys(flawRegistry) as FlawName[];

export function isFlawName(name: string): name is FlawName {
  return Object.hasOwn(flawRegistry, name);
}
