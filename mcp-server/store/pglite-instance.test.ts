import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDriver } from './pglite-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { createSqlStore, type SqlSessionStore } from './sql-store.js';

const session = (id: string) => ({ id, createdAt: 1_000, lastSeenAt: 1_000, expiresAt: 2_000 });
let dirCount = 0;
const memoryDir = () => `memory://pglite-instance-test-${process.pid}-${++dirCount}`;
const held: Array<SqlDriver | SqlSessionStore> = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((h) => h.close()));
});
const store = async (dir: string, schema: string) => {
  const s = await createSqlStore(await createPgliteDriver(dir, { schema }));
  held.push(s);
  return s;
};

describe('one PGlite database per directory and process, a schema per store', () => {
  // Starting PGlite costs seconds: the tests that need no fresh database share one, held open by `keeper`.
  const dir = memoryDir();
  let keeper: SqlDriver;
  beforeAll(async () => {
    keeper = await createPgliteDriver(dir);
  }, 180_000);
  afterAll(() => keeper?.close());

  it('keeps two stores in two schemas of one database apart, whatever order their statements interleave in', async () => {
    const [a, b] = await Promise.all([store(dir, 'world_a'), store(dir, 'world_b')]);
    await Promise.all([a.createSession(session('only-in-a')), b.createSession(session('only-in-b')), a.createSession(session('also-in-a'))]);
    expect((await a.listSessions()).map((s) => s.id).sort()).toEqual(['also-in-a', 'only-in-a']);
    expect((await b.listSessions()).map((s) => s.id)).toEqual(['only-in-b']);
    const tables = await keeper.query<{ schemaname: string }>(`SELECT schemaname FROM pg_tables WHERE tablename = 'harness_sessions' AND schemaname LIKE 'world_%' ORDER BY schemaname`);
    expect(tables.rows.map((r) => r.schemaname)).toEqual(['world_a', 'world_b']);
  });

  it('is one database: what a store wrote is there for the next store on that schema after the first one closed', async () => {
    const first = await createSqlStore(await createPgliteDriver(dir, { schema: 'restarted' }));
    await first.createSession(session('survivor'));
    await first.close();
    const second = await store(dir, 'restarted');
    expect(await second.counts()).toEqual({ sessions: 1, users: 0 });
    await keeper.query('DROP SCHEMA restarted CASCADE');
    await expect(second.counts()).rejects.toThrow(/harness_sessions/);
  });

  it('shares user locks between stores on one schema only: another schema never waits', async () => {
    const [a1, a2, b] = await Promise.all([store(dir, 'locks_a'), store(dir, 'locks_a'), store(dir, 'locks_b')]);
    const order: string[] = [];
    let release!: () => void;
    const holding = a1.lockUser('alice', () => new Promise<void>((r) => (release = () => (order.push('a1 done'), r()))));
    const waiting = a2.lockUser('alice', async () => void order.push('a2'));
    await b.lockUser('alice', async () => void order.push('b'));
    release();
    await Promise.all([holding, waiting]);
    expect(order).toEqual(['b', 'a1 done', 'a2']);
  });

  it('stays open while any driver holds it: one closing leaves it to the others, and a closed driver answers with a clear store error', { timeout: 180_000 }, async () => {
    const own = memoryDir();
    const [first, last] = await Promise.all([createPgliteDriver(own, { schema: 'gone' }), createPgliteDriver(own, { schema: 'gone' })]);
    await first.query('CREATE SCHEMA gone; CREATE TABLE gone.t (a int);');
    await first.close();
    await expect(first.query('SELECT 1')).rejects.toThrow(/session store pglite:memory:\/\/.* unavailable/);
    expect((await last.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await last.close();
    await expect(last.query('SELECT 1')).rejects.toThrow(/unavailable/);
  });

  it('refuses a schema that is not a plain lower-case identifier, before opening anything', async () => {
    await expect(createPgliteDriver(memoryDir(), { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/must be a lower-case SQL identifier/);
  });
});
