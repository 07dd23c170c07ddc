/**
 * The session store under load (seed 003, issue 7): N sessions created across N/10 users, every session touched
 * and every user's sealed token record replaced by compare-and-swap ("refreshed"), then the clock passes their
 * absolute expiry and one cleanup runs. Cleanup must leave none behind; the figures are wall-clock per phase.
 *
 *   npx tsx bench/store-load.ts [--sessions 10000] [--store pglite|postgres|memory]...
 *
 * `postgres` needs $HARNESS_PG_URL (a schema of its own is created and dropped). Exit 1 if anything is left.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createMemoryStore, openStore, TokenCipher, type SessionStore, type SqlSessionStore, type UserRecord } from '../mcp-server/index.js';
import { pool as sharedPool } from '../support/index.js';
import { machineInfo } from './machine.js';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '10000' }, store: { type: 'string', multiple: true }, concurrency: { type: 'string', default: '16' } } });
const sessions = Number(values.sessions);
const concurrency = Number(values.concurrency);
const kinds = values.store ?? (process.env.HARNESS_PG_URL ? ['pglite', 'postgres'] : ['pglite']);
const cipher = new TokenCipher(randomBytes(32));
const T0 = 1_800_000_000_000;
const LIFETIME = 3_600_000;

/** `--concurrency` store calls at once, through the one shared pool. */
const pool = <T>(items: T[], work: (item: T) => Promise<unknown>) => sharedPool(items, concurrency, work);

async function open(kind: string): Promise<{ store: SessionStore; dispose(): Promise<void> }> {
  if (kind === 'memory') return { store: createMemoryStore(), dispose: async () => undefined };
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'store-load-'));
    const store = await openStore(`pglite:${dir}`, { cleanupIntervalMs: 0 });
    return { store, dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
  }
  const url = process.env.HARNESS_PG_URL;
  if (!url) throw new Error('--store postgres needs $HARNESS_PG_URL');
  const schema = `store_load_${randomBytes(4).toString('hex')}`;
  const store = await openStore(url, { schema, cleanupIntervalMs: 0 });
  return {
    store,
    async dispose() {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`).finally(() => c.end());
    },
  };
}

async function phase(name: string, figures: Record<string, number>, work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  figures[name] = Math.round(performance.now() - started);
}

async function measure(kind: string) {
  const { store, dispose } = await open(kind);
  const figures: Record<string, number> = {};
  try {
    const ids = Array.from({ length: sessions }, (_, i) => `s${i}-${randomBytes(8).toString('hex')}`);
    const users = Array.from({ length: Math.max(1, Math.floor(sessions / 10)) }, (_, i) => `user-${i}`);
    const record = (userId: string, generation: number): UserRecord => ({
      userId,
      status: 'authenticated',
      sealed: cipher.seal(userId, { accessToken: randomBytes(24).toString('base64url'), refreshToken: randomBytes(24).toString('base64url') }),
      accessExpiresAt: T0 + 60_000,
      consecutiveFailures: 0,
      resumeHashes: [randomBytes(16).toString('base64url')],
      generation,
    });
    await phase('create', figures, async () => {
      await pool(users, (u) => store.putUser(record(u, 1)));
      await pool(ids, async (id) => {
        await store.createSession({ id, createdAt: T0, lastSeenAt: T0, expiresAt: T0 + LIFETIME });
        await store.activate(id, users[Number(id.slice(1, id.indexOf('-'))) % users.length]!);
      });
    });
    await phase('refresh', figures, async () => {
      await pool(ids, (id) => store.updateSession(id, (s) => ({ ...s, lastSeenAt: T0 + 1000 })));
      await pool(users, (u) => store.updateUser(u, (current) => (current.generation === 1 ? record(u, 2) : undefined)));
    });
    const counts = await store.counts();
    const refreshed = (await store.listUsers()).filter((u) => u.generation === 2).length;
    let deleted = 0;
    await phase('cleanup', figures, async () => {
      deleted = 'cleanup' in store ? await (store as SqlSessionStore).cleanup(T0 + LIFETIME) : await memoryCleanup(store, T0 + LIFETIME);
    });
    const left = (await store.counts()).sessions;
    return { store: kind, sessions, users: users.length, created: counts.sessions, usersRefreshed: refreshed, deleted, left, ms: figures };
  } finally {
    await dispose();
  }
}

async function memoryCleanup(store: SessionStore, now: number) {
  const expired = (await store.listSessions()).filter((s) => s.expiresAt <= now);
  await pool(expired, (s) => store.deleteSession(s.id));
  return expired.length;
}

const results = [];
for (const kind of kinds) results.push(await measure(kind));
console.log(JSON.stringify({ machine: machineInfo(), concurrency, results }, null, 2));
for (const r of results) console.error(`${r.store.padEnd(9)} ${r.created} sessions/${r.users} users: create ${r.ms.create} ms, refresh ${r.ms.refresh} ms, cleanup ${r.ms.cleanup} ms; deleted ${r.deleted}, left ${r.left}`);
process.exitCode = results.every((r) => r.left === 0 && r.created === sessions && r.deleted === sessions && r.usersRefreshed === r.users) ? 0 : 1;
