/**
 * Every option of the reference server, its default, and why. The one place defaults live; the serve command's
 * help text and the README table are written from it. Durations are seconds before `timeScale`.
 */
export const serverDefaults = {
  /** Interface to listen on. Loopback only: a local MCP server must not be reachable from the network. */
  host: '127.0.0.1',
  /** TCP port; 0 asks the OS for a free one (what tests and the runner use). Example: 3333. */
  port: 0,
  /** Path of the Streamable HTTP endpoint. */
  path: '/mcp',
  /** Scopes the login asks for; offline_access is what gets a refresh token. */
  scope: 'openid profile email offline_access',
  /** Multiplies every duration below, like the simulator's: 0.2 turns the seeds' 30 s into 6 s. */
  timeScale: 1,
  heartbeat: {
    /** Start cycles on a timer. The runner and tests turn it off and call `heartbeat.runOnce()` instead. */
    timer: true,
    /** Seconds between cycle starts. Seed 001 #5: 20 s, not 25 s, against a 30 s refresh token. */
    intervalSeconds: 20,
    /** How long a refresh token lives at the provider (not announced on the wire, so it is configured). */
    refreshTokenLifetimeSeconds: 30,
    /** Head room for network latency between a cycle start and the refresh reaching the provider (seed 001 #5). */
    latencyMarginSeconds: 10,
    /** Consecutive failed refreshes before the user is marked needs_reauth (seed 001 #14). */
    failureBudget: 3,
    /** First retry delay after a transient failure; doubles per attempt. */
    retryBackoffSeconds: 1,
    /** Users refreshed at once within one cycle. */
    concurrency: 4,
  },
  /** An access token expiring within this many seconds is refreshed before use. */
  accessTokenSkewSeconds: 2,
  sessions: {
    /** A client that just goes away sends nothing; its session is reaped after this much silence (seed 003). */
    idleTimeoutSeconds: 1800,
    /**
     * Absolute lifetime of an MCP session, however busy (seed 003). Also the lifetime of a resume token (login's
     * `resume_token`), counted from the login that issued it: a later login of the same user does not rotate the
     * ones already handed out (each window keeps its own, up to 16 per user), and logout ends them all.
     */
    absoluteLifetimeSeconds: 86_400,
    /** How often the reaper looks for idle and expired sessions. */
    reapIntervalSeconds: 60,
    /** How often a persistent store itself deletes sessions past their absolute expiry (seed 003: 15 minutes). */
    storeCleanupIntervalSeconds: 900,
    /**
     * Sessions the store may hold at once (all replicas sharing it). One more initialize is answered 503 with
     * Retry-After (the reap interval, when idle sessions free up). An idle session costs about 50 KB of heap, so
     * the default bounds that at about 50 MB. Example: 20000 for a load test.
     */
    maxSessions: 1000,
  },
  /**
   * Device-flow polling interval. Undefined means what the provider announces, or RFC 8628's 5 s.
   * Not scaled by `timeScale`. Example: 0.05 in tests.
   */
  devicePollIntervalSeconds: undefined as number | undefined,
  /**
   * An id_token whose `iat` lies more than this many seconds ahead of the server's clock is refused: a token
   * "issued" in the future was minted wrong or for later use. Allows ordinary clock skew between provider and
   * server. Real seconds, never scaled. Example: 5.
   */
  idTokenIatSkewSeconds: 60,
  /** Timeout of each request to the provider (real seconds, never scaled). */
  requestTimeoutSeconds: 10,
  /** Environment variable holding a base64 32-byte master key; absent means a new key per process (seed 004). */
  masterKeyEnv: 'OIDC_HARNESS_MASTER_KEY',
  /**
   * Environment variable naming the directory where an empty PGlite cluster (what initdb makes, no table or row) is
   * kept, so an in-memory PGlite store starts from it instead of running initdb, most of the seconds a start costs.
   * Absent: `$XDG_CACHE_HOME/oidc-session-harness`, else `~/.cache/oidc-session-harness`. Example: /tmp/harness-cache.
   */
  pgliteCacheEnv: 'OIDC_HARNESS_PGLITE_CACHE',
  /**
   * Where sessions and tokens live: `memory` (lost on restart), `pglite:DIR` (embedded, survives restarts, one
   * process; `pglite:memory://NAME` keeps it in memory), or `postgres://USER:PASS@HOST:PORT/DB` (survives restarts,
   * shared by replicas). Seed 003.
   */
  store: 'memory',
  /** Largest JSON-RPC request body accepted. */
  maxBodyBytes: 1_048_576,
};

export type ServerDefaults = typeof serverDefaults;

/**
 * Keep-alive on both ends of the server's connections. A client that sends on a pooled socket just as the server
 * times it out gets ECONNRESET. Node's http server drops idle sockets after 5 s; undici reuses them up to the
 * server's hint minus 1-2 s on timers that slip by a second or more on a busy machine (issue 12). So the server
 * keeps idle sockets far longer than its clients are expected to, and its own provider client stops reusing a
 * socket after `providerIdleMs`, whatever `Keep-Alive: timeout=` the provider announces.
 */
export const serverKeepAlive = {
  /** How long the MCP endpoint keeps an idle keep-alive socket open (Node's default is 5 000). */
  serverIdleMs: 65_000,
  /** How long the provider client (token, revocation, JWKS, resource API calls) reuses an idle socket. */
  providerIdleMs: 1_000,
};


/**
 * The resource-server mode (`serve --auth bearer`, resource-server/): an MCP server built to the MCP authorization
 * spec, whose clients hold their own tokens. Real seconds, never scaled.
 */
export const resourceServerDefaults = {
  /** The MCP endpoint's path; with the listening origin it is the resource identifier (RFC 8707) clients ask for. */
  mcpPath: '/mcp',
  /**
   * How long a validated access token is trusted without validating it again, never past its own `exp`. A server
   * that validates by introspection honours revocation within this bound. Example: 5.
   */
  validationCacheSeconds: 30,
  /** How long an upstream answer is reused for the same subject (issue 16: keyed by the subject, nothing else). Example: 0 (off). */
  profileCacheSeconds: 30,
  /** The service token (client credentials) is fetched again this many seconds before it expires. Example: 1. */
  serviceTokenMarginSeconds: 1,
  /** Scope of the service token for the upstream API. */
  serviceScope: 'profile',
  /** Timeout of each request to the authorization server or the upstream API. */
  requestTimeoutSeconds: 10,
};
