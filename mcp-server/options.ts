import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { serverDefaults } from './defaults.js';
import { flawNames, isFlawName, type FlawName } from './flaws/flaw-registry.js';
import type { SessionStore } from './store/session-store.js';

const seconds = z.number().positive();
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const optionsSchema = z.strictObject({
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  resourceUrl: z.url(),
  scope: z.string().min(1).optional(),
  host: z.string().refine((h) => LOOPBACK.has(h), 'must be a loopback address (127.0.0.1, localhost or ::1)').optional(),
  port: z.number().int().min(0).max(65535).optional(),
  path: z.string().regex(/^\/[\w./-]*$/, 'must be an absolute path such as /mcp').optional(),
  flaws: z.array(z.string()).optional(),
  timeScale: z.number().positive().max(100).optional(),
  heartbeat: z
    .strictObject({
      timer: z.boolean().optional(),
      intervalSeconds: seconds.optional(),
      refreshTokenLifetimeSeconds: seconds.optional(),
      latencyMarginSeconds: z.number().min(0).optional(),
      failureBudget: z.number().int().min(1).optional(),
      retryBackoffSeconds: z.number().min(0).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
    })
    .optional(),
  accessTokenSkewSeconds: z.number().min(0).optional(),
  sessions: z
    .strictObject({
      idleTimeoutSeconds: seconds.optional(),
      absoluteLifetimeSeconds: seconds.optional(),
      reapIntervalSeconds: seconds.optional(),
      storeCleanupIntervalSeconds: seconds.optional(),
      maxSessions: z.number().int().min(1).optional(),
    })
    .optional(),
  devicePollIntervalSeconds: z.number().min(0).optional(),
  requestTimeoutSeconds: seconds.optional(),
  idTokenIatSkewSeconds: z.number().min(0).optional(),
  maxBodyBytes: z.number().int().positive().optional(),
});

/** Options of `createMcpSessionServer`. Durations are seconds before `timeScale`; see defaults.ts for each. */
export interface McpSessionServerOptions extends z.input<typeof optionsSchema> {
  /**
   * Where sessions and user records live: a store object (the caller owns it and closes it), or a spec the server
   * opens and closes itself: `memory` (the default), `postgres://USER:PASS@HOST:PORT/DB`, or `pglite:DIR` (seed 003).
   */
  store?: SessionStore | string;
  /** 32-byte master key wrapping every record's data key (seed 004). Default: $OIDC_HARNESS_MASTER_KEY or random. */
  masterKey?: Uint8Array;
  /** undici dispatcher for every provider request (proxies, custom TLS, test interceptors). */
  dispatcher?: Dispatcher;
  /** Milliseconds since the epoch; inject a manual clock to drive expiry and reaping deterministically. */
  now?: () => number;
  /** Receives one JSON line per server event; tokens never appear in them, sessions only as `sessionHash` (log-line.ts). */
  log?: (line: string) => void;
}

export interface ServerConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  resourceUrl: string;
  scope: string;
  host: string;
  port: number;
  path: string;
  flaws: FlawName[];
  heartbeat: {
    timer: boolean;
    intervalMs: number;
    refreshTokenLifetimeMs: number;
    latencyMarginMs: number;
    failureBudget: number;
    retryBackoffMs: number;
    concurrency: number;
  };
  accessTokenSkewMs: number;
  sessions: { idleTimeoutMs: number; absoluteLifetimeMs: number; reapIntervalMs: number; storeCleanupIntervalMs: number; maxSessions: number };
  devicePollIntervalMs?: number;
  requestTimeoutMs: number;
  idTokenIatSkewMs: number;
  maxBodyBytes: number;
}

/** Validates options and applies defaults; throws ConfigError naming the first bad field. */
export function resolveOptions(input: McpSessionServerOptions): ServerConfig {
  const { store: _s, masterKey: _k, dispatcher: _d, now: _n, log: _l, ...plain } = input ?? ({} as McpSessionServerOptions);
  const parsed = optionsSchema.safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options');
    throw new ConfigError(field, issue.message);
  }
  const o = parsed.data;
  const unknown = (o.flaws ?? []).filter((f) => !isFlawName(f));
  if (unknown.length) throw new ConfigError('flaws', `unknown flaw ${unknown.map((f) => `'${f}'`).join(', ')}; valid: ${flawNames.join(', ')}`);
  const scale = (s: number) => s * 1000 * (o.timeScale ?? serverDefaults.timeScale);
  // Field by field with ??: an option passed as undefined (an absent CLI flag) means the default (issue 12).
  const hb = o.heartbeat ?? {};
  const d = serverDefaults.heartbeat;
  const ses = o.sessions ?? {};
  const ds = serverDefaults.sessions;
  return {
    issuer: o.issuer.replace(/\/$/, ''),
    clientId: o.clientId,
    ...(o.clientSecret ? { clientSecret: o.clientSecret } : {}),
    resourceUrl: o.resourceUrl,
    scope: o.scope ?? serverDefaults.scope,
    host: o.host === 'localhost' ? '127.0.0.1' : (o.host ?? serverDefaults.host),
    port: o.port ?? serverDefaults.port,
    path: o.path ?? serverDefaults.path,
    flaws: [...new Set(o.flaws ?? [])] as FlawName[],
    heartbeat: {
      timer: hb.timer ?? d.timer,
      intervalMs: scale(hb.intervalSeconds ?? d.intervalSeconds),
      refreshTokenLifetimeMs: scale(hb.refreshTokenLifetimeSeconds ?? d.refreshTokenLifetimeSeconds),
      latencyMarginMs: scale(hb.latencyMarginSeconds ?? d.latencyMarginSeconds),
      failureBudget: hb.failureBudget ?? d.failureBudget,
      retryBackoffMs: scale(hb.retryBackoffSeconds ?? d.retryBackoffSeconds),
      concurrency: hb.concurrency ?? d.concurrency,
    },
    accessTokenSkewMs: scale(o.accessTokenSkewSeconds ?? serverDefaults.accessTokenSkewSeconds),
    sessions: {
      idleTimeoutMs: scale(ses.idleTimeoutSeconds ?? ds.idleTimeoutSeconds),
      absoluteLifetimeMs: scale(ses.absoluteLifetimeSeconds ?? ds.absoluteLifetimeSeconds),
      reapIntervalMs: scale(ses.reapIntervalSeconds ?? ds.reapIntervalSeconds),
      storeCleanupIntervalMs: scale(ses.storeCleanupIntervalSeconds ?? ds.storeCleanupIntervalSeconds),
      maxSessions: ses.maxSessions ?? ds.maxSessions,
    },
    ...(o.devicePollIntervalSeconds !== undefined ? { devicePollIntervalMs: o.devicePollIntervalSeconds * 1000 } : {}),
    requestTimeoutMs: (o.requestTimeoutSeconds ?? serverDefaults.requestTimeoutSeconds) * 1000,
    idTokenIatSkewMs: (o.idTokenIatSkewSeconds ?? serverDefaults.idTokenIatSkewSeconds) * 1000,
    maxBodyBytes: o.maxBodyBytes ?? serverDefaults.maxBodyBytes,
  };
}
