import { randomBytes } from 'node:crypto';
import { createMcpSessionServer, createPgliteDriver, openStore, type McpSessionServer, type PausePointName, type SessionStore, type SqlDriver } from '../mcp-server/index.js';
import { referenceOptions } from './reference-options.js';
import { watchedActivity } from './server-still.js';
import { heartbeatTimingOf, type ServerFact, type ServerFactory, type ServerHandle } from './server-handle.js';

/**
 * `postgres`: real PostgreSQL at $HARNESS_PG_URL, one connection pool per replica (as separate processes would
 * have), a schema of its own per world. `pglite`: the process's one embedded database (worldPglite), a schema of its
 * own per world, one store shared by the world's replicas. `persistent`: PostgreSQL when $HARNESS_PG_URL is set,
 * else PGlite. `memory`: one in-memory store, shared.
 */
export type ReplicaStore = 'postgres' | 'pglite' | 'persistent' | 'memory';

export interface ReplicasOptions {
  /** How many servers share the store; window `{ replica: i }` talks to server i. */
  replicas: number;
  store: ReplicaStore;
  /** Server options under the scenario's own (as `referenceServer(extra)`). */
  extra?: Record<string, unknown>;
}

export const PG_URL_ENV = 'HARNESS_PG_URL';

/**
 * The embedded database every PGlite world of this process shares, each in a schema of its own, as PostgreSQL
 * worlds share one server: starting PGlite costs seconds of CPU (WebAssembly, initdb), a schema milliseconds. The
 * harness holds it open for the life of the process (an in-memory database holds nothing that keeps a process up),
 * so a restart or the next world never pays the start again; a server restart still drops every connection of
 * the servers and their store, and the data outlives them as it would in a database server.
 */
const WORLD_PGLITE = 'memory://harness-worlds';
let worldPglite: Promise<SqlDriver> | undefined;
const holdWorldPglite = () => {
  const held = (worldPglite ??= createPgliteDriver(WORLD_PGLITE));
  held.catch(() => {
    if (worldPglite === held) worldPglite = undefined;
  });
  return held;
};
/**
 * Closes the worlds' database, if this process opened it: for the end of a command. PGlite's PostgreSQL arms
 * timers of its own (seconds long, never unreferenced) that kept a finished `run` alive about 10 s past its summary
 * line. A later world opens it again.
 */
export async function closeWorldPglite(): Promise<void> {
  const held = worldPglite;
  worldPglite = undefined;
  const driver = await held?.catch(() => undefined);
  await driver?.close();
}

const worldSchema = () => `harness_world_${randomBytes(6).toString('hex')}`;

interface StorePlan {
  label: string;
  /** Opens the store(s) for one start: one per replica (PostgreSQL) or one shared. */
  open(count: number): Promise<SessionStore[]>;
  dispose(): Promise<void>;
}

async function planStore(kind: ReplicaStore): Promise<StorePlan> {
  const pgUrl = process.env[PG_URL_ENV];
  if (kind === 'persistent') kind = pgUrl ? 'postgres' : 'pglite';
  if (kind === 'postgres') {
    if (!pgUrl) throw new Error(`store 'postgres' needs $${PG_URL_ENV}=postgres://USER:PASS@HOST:PORT/DB`);
    const schema = worldSchema();
    return {
      label: 'postgres',
      open: (count) => Promise.all(Array.from({ length: count }, () => openStore(pgUrl, { schema, cleanupIntervalMs: 0 }))),
      async dispose() {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
      },
    };
  }
  if (kind === 'pglite') {
    const database = await holdWorldPglite();
    const schema = worldSchema();
    return {
      label: 'pglite',
      open: async (count) => {
        const shared = await openStore(`pglite:${WORLD_PGLITE}`, { schema, cleanupIntervalMs: 0 });
        return Array.from({ length: count }, () => shared);
      },
      dispose: async () => {
        await database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  }
  let shared: SessionStore | undefined;
  return {
    label: 'memory',
    open: async (count) => {
      shared ??= await openStore('memory');
      return Array.from({ length: count }, () => shared!);
    },
    dispose: async () => undefined,
  };
}

/**
 * N reference servers in this process on one store (seed 003): what several replicas behind a load balancer are,
 * minus the balancer — each window names its replica. `restart()` stops every server and its store connections,
 * then starts them again on the same ports and the same store, so clients keep their URLs and session ids.
 */
export function referenceReplicas({ replicas, store, extra = {} }: ReplicasOptions): ServerFactory {
  if (!Number.isInteger(replicas) || replicas < 1) throw new RangeError(`replicas must be a positive integer, got ${replicas}`);
  return async (ctx) => {
    const logs: string[] = [];
    const listeners = new Set<(fact: ServerFact) => void>();
    // Shared by every replica and every start, as a deployment's config would be (seed 004).
    const masterKey = randomBytes(32);
    const plan = await planStore(store);
    let servers: McpSessionServer[] = [];
    let stores: SessionStore[] = [];
    let unsubscribe: Array<() => void> = [];

    const start = async (ports: number[]) => {
      stores = await plan.open(replicas);
      servers = [];
      for (let i = 0; i < replicas; i++) {
        const options = referenceOptions(ctx, extra, ctx.options, (line) => logs.push(line));
        servers.push(await createMcpSessionServer({ ...options, store: stores[i]!, masterKey, ...(ports[i] ? { port: ports[i] } : {}) }));
      }
      unsubscribe = servers.map((s, replica) => s.events.subscribe((e) => listeners.forEach((l) => l({ ...(e as unknown as ServerFact), replica }))));
      activity.watch();
    };
    const activity = watchedActivity(() => servers);
    const stop = async () => {
      unsubscribe.forEach((off) => off());
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([...new Set(stores)].map((s) => s.close()));
    };

    try {
      await start([]);
    } catch (err) {
      await stop().catch(() => undefined);
      await plan.dispose().catch(() => undefined);
      throw err;
    }
    const ports = servers.map((s) => s.port);
    const handle: ServerHandle & { store: string } = {
      store: plan.label,
      get url() {
        return servers[0]!.url;
      },
      get replicaUrls() {
        return servers.slice(1).map((s) => s.url);
      },
      async restart() {
        await stop();
        await start(ports);
      },
      async close() {
        await stop();
        await plan.dispose();
      },
      activity,
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async heartbeatOnce() {
        await Promise.all(servers.map((s) => s.heartbeat.runOnce()));
      },
      // Every replica runs with one configuration.
      get heartbeatTiming() {
        return servers[0] ? heartbeatTimingOf(servers[0].config.heartbeat) : undefined;
      },
      pollDeviceLoginsNow: () => servers.forEach((s) => s.pollDeviceLoginsNow()),
      usersWithTokens: async () => (await servers[0]!.store.listUsers()).filter((u) => u.sealed).map((u) => u.userId),
      sessionIds: async () => (await servers[0]!.store.listSessions()).map((s) => s.id),
      logs: () => logs,
      hold: (point: string, match?: (info: Record<string, unknown>) => boolean, replica = 0) => servers[replica]!.pauses.hold(point as PausePointName, match as never),
    };
    return handle;
  };
}
