import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import { Agent } from 'undici';
import { serverDefaults, serverKeepAlive } from './defaults.js';
import { ActivityMeter, type ActivityState } from './activity-meter.js';
import { EventLog } from './event-log.js';
import { logLine } from './log-line.js';
import { composeStrategies } from './flaws/compose-strategies.js';
import { ConfigError } from './config-error.js';
import type { FlawName } from './flaws/flaw-registry.js';
import { createHeartbeat, type HeartbeatControl } from './heartbeat/heartbeat.js';
import { createMcpEndpoint } from './http/mcp-endpoint.js';
import { createDeviceLogin } from './login/device-login.js';
import { createLogout } from './logout/logout.js';
import { resolveOptions, type McpSessionServerOptions, type ServerConfig } from './options.js';
import { PausePoints } from './pause-points.js';
import { ProviderClient } from './provider/provider-client.js';
import { ProviderHttp } from './provider/provider-http.js';
import type { ServerContext } from './server-context.js';
import type { ServerEvent, ServerEventListener } from './server-events.js';
import { createReaper, type ReaperControl } from './sessions/reaper.js';
import { createSessionLifecycle } from './sessions/session-lifecycle.js';
import { openStore, storeSpecIsDurable } from './store/open-store.js';
import type { SessionStore } from './store/session-store.js';
import { KeyedMutex, requestTimeoutsAfterReading } from '../support/index.js';
import { listen } from './support/listen.js';
import { TaskSet } from './support/task-set.js';
import { resolveMasterKey } from './tokens/master-key.js';
import { TokenCipher } from './tokens/token-cipher.js';

export interface McpSessionServer {
  /** The Streamable HTTP endpoint, e.g. http://127.0.0.1:53123/mcp. */
  readonly url: string;
  readonly port: number;
  readonly config: Readonly<ServerConfig>;
  /** The flaws switched on (empty for the reference server). */
  readonly flaws: readonly FlawName[];
  readonly store: SessionStore;
  readonly events: {
    subscribe(listener: ServerEventListener): () => void;
    list(filter?: { since?: number; types?: readonly string[] }): ServerEvent[];
    waitFor<T extends ServerEvent = ServerEvent>(match: (e: ServerEvent) => boolean, since?: number): Promise<T>;
  };
  /**
   * What the server is working on and what each strand of its work waits for (a hold, a refresh it joined, a lock,
   * the provider). Off until the first subscribe; in process, the harness subscribes before any window connects and
   * so knows when every call it made has finished, is held, or waits on something held.
   */
  readonly activity: { state(): ActivityState; subscribe(listener: () => void): () => void };
  /** Hold named points of the server to force an interleaving (see PausePointName). */
  readonly pauses: Pick<PausePoints, 'hold'>;
  readonly heartbeat: HeartbeatControl;
  readonly reaper: ReaperControl;
  /**
   * Every pending device login polls the provider now instead of at its next interval. In process, the harness calls
   * it once it has approved a user code, so a login completes without waiting out the poll interval (a white-box
   * power, like `heartbeat.runOnce`); a server polling on its own is unaffected.
   */
  pollDeviceLoginsNow(): void;
  /**
   * Stops timers, polls and requests, closes every transport and socket. Sessions end with it on an in-memory
   * store; a durable store keeps them for the next start (seed 003). Idempotent.
   */
  close(): Promise<void>;
}

/** Starts the reference MCP session server. Throws ConfigError for bad options (nothing is left running). */
export async function createMcpSessionServer(options: McpSessionServerOptions): Promise<McpSessionServer> {
  const config = resolveOptions(options);
  const masterKey = resolveMasterKey(options.masterKey, serverDefaults.masterKeyEnv);
  const closer = new AbortController();
  // Every in-flight provider request, poll and backoff listens on this one signal: many at once is the design.
  setMaxListeners(0, closer.signal);
  const now = options.now ?? Date.now;
  // Seed 004: the per-process key would make every stored token unreadable after the next restart. A spec is
  // judged before it is opened, so a refused start creates and migrates nothing.
  const fixedKey = !!options.masterKey || !!process.env[serverDefaults.masterKeyEnv];
  const noFixedKey = () => new ConfigError('masterKey', `a persistent store needs a fixed master key shared by every replica: set $${serverDefaults.masterKeyEnv} (base64 of 32 bytes) or the masterKey option`);
  const spec = typeof options.store === 'object' ? undefined : (options.store ?? serverDefaults.store);
  if (spec !== undefined && storeSpecIsDurable(spec) && !fixedKey) throw noFixedKey();
  // A spec is opened (and migrated) here and closed with the server; a store object belongs to the caller.
  const ownStore = spec === undefined ? undefined : await openStore(spec, { now, cleanupIntervalMs: config.sessions.storeCleanupIntervalMs });
  const store: SessionStore = ownStore ?? (options.store as SessionStore);
  if (store.durable && !fixedKey) {
    await ownStore?.close();
    throw noFixedKey();
  }
  const ownAgent = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: serverKeepAlive.providerIdleMs, keepAliveMaxTimeout: serverKeepAlive.providerIdleMs });
  const activity = new ActivityMeter();
  const http = new ProviderHttp(options.dispatcher ?? ownAgent!, config.requestTimeoutMs, closer.signal, activity);
  const events = new EventLog();
  const ctx: ServerContext = {
    config,
    store,
    cipher: new TokenCipher(masterKey),
    provider: new ProviderClient(http, config.issuer, config),
    events,
    pauses: new PausePoints(activity),
    userLock: activity.lock(new KeyedMutex(), 'lock'),
    activity,
    tasks: new TaskSet(),
    closing: closer.signal,
    now,
    async counts() {
      const c = await store.counts();
      return { activeSessions: c.sessions, activeUsers: c.users };
    },
  };
  const s = composeStrategies(ctx, new Set(config.flaws));
  try {
    s.heartbeatPolicy.validate(config.heartbeat);
  } catch (err) {
    await ownAgent?.close();
    await ownStore?.close();
    throw err;
  }
  if (options.log) {
    const log = options.log;
    events.subscribe((e) => log(logLine(e)));
  }

  const lifecycle = createSessionLifecycle(ctx, s.sessionCloser);
  const login = createDeviceLogin(ctx, { validator: s.idTokenValidator, activator: s.activator });
  const logout = createLogout(ctx, { resolver: s.sessionResolver, revoker: s.revoker, repeat: s.logoutRepeat });
  const tools = { ctx, resolver: s.sessionResolver, refresher: s.refresher, activator: s.activator, login, logout };
  let port = 0;
  const endpoint = createMcpEndpoint(ctx, lifecycle, tools, () => port);
  const heartbeat = createHeartbeat(ctx, s.cycleGuard, s.heartbeatStep);
  const reaper = createReaper(ctx, lifecycle, endpoint.closeTransport);

  // A request is a strand of work until its answer is out (a POST's tool runs after handle() returns). A GET is the
  // session's notification stream: it waits for nothing and works on nothing, so it is not one.
  const server = createServer((req, res) => {
    if (req.method === 'GET') return void endpoint.handle(req, res);
    const header = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    const answered = () =>
      new Promise<void>((resolve) => {
        res.once('close', resolve);
        void endpoint.handle(req, res);
      });
    void activity.run({ via: 'request', ...(sessionId ? { sessionId } : {}) }, answered);
  });
  // Longer than any client keeps an idle socket: see serverKeepAlive (issue 12).
  server.keepAliveTimeout = serverKeepAlive.serverIdleMs;
  // A request that arrived while this process stalled is read before it is judged late (issue 12).
  requestTimeoutsAfterReading(server);
  port = await listen(server, config.host, config.port).catch(async (err) => {
    await ownAgent?.close();
    await ownStore?.close();
    throw err;
  });
  if (config.heartbeat.timer) heartbeat.start();
  reaper.start();

  let closing: Promise<void> | undefined;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}${config.path}`,
    port,
    config,
    flaws: config.flaws,
    store,
    events: { subscribe: (l) => events.subscribe(l), list: (f) => events.events(f), waitFor: (m, since) => events.waitFor(m, since) },
    activity: { state: () => activity.state(), subscribe: (l) => activity.subscribe(l) },
    pauses: { hold: (point, match) => ctx.pauses.hold(point, match) },
    heartbeat,
    reaper,
    pollDeviceLoginsNow: () => login.pollNow(),
    close() {
      closing ??= (async () => {
        heartbeat.stop();
        reaper.stop();
        closer.abort();
        ctx.pauses.releaseAll();
        await endpoint.closeAll();
        await ctx.tasks.settle();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await ownAgent?.close();
        await ownStore?.close();
      })();
      return closing;
    },
  };
}

