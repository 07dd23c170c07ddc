import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePostgres, freshSchema } from '../testing/postgres.js';
import { createPgDriver } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';
import type { UserRecord } from './session-store.js';
import { createSqlStore, type SqlSessionStore } from './sql-store.js';

const user = (userId: string, generation = 1, resumeHashes: string[] = []): UserRecord => ({ userId, status: 'authenticated', accessExpiresAt: 10, consecutiveFailures: 0, resumeHashes, generation, accessTokenHash: `a${generation}` });
const session = (id: string, expiresAt = 2_000) => ({ id, createdAt: 1_000, lastSeenAt: 1_000, expiresAt });

/** The same behaviour on every SQL backend: one code path, two drivers. */
function storeContract(open: () => Promise<SqlSessionStore>, reopen: () => Promise<SqlSessionStore>) {
  it('round-trips sessions and users, timestamps to the millisecond', async () => {
    const store = await open();
    await store.createSession({ ...session('s1'), createdAt: 1_700_000_000_123, lastSeenAt: 1_700_000_000_456, expiresAt: 1_700_000_100_789 });
    await store.putUser(user('alice', 1, ['h1']));
    expect(await store.getSession('s1')).toEqual({ id: 's1', createdAt: 1_700_000_000_123, lastSeenAt: 1_700_000_000_456, expiresAt: 1_700_000_100_789 });
    expect(await store.getUser('alice')).toEqual(user('alice', 1, ['h1']));
    expect((await store.findUserByResumeHash('h1'))?.userId).toBe('alice');
  });

  it('activates only when both the session and the user still exist (seed 001 #3)', async () => {
    const store = await open();
    expect(await store.activate('s1', 'alice')).toBe('no-session');
    await store.createSession(session('s1'));
    expect(await store.activate('s1', 'alice')).toBe('no-user');
    await store.putUser(user('alice'));
    expect(await store.activate('s1', 'alice')).toBe('activated');
    expect((await store.getSession('s1'))?.userId).toBe('alice');
  });

  it('replaces a record only from the version read: concurrent read-modify-writes never lose an update', async () => {
    const store = await open();
    await store.putUser({ ...user('alice'), consecutiveFailures: 0 });
    await Promise.all(Array.from({ length: 20 }, () => store.updateUser('alice', (u) => ({ ...u, consecutiveFailures: u.consecutiveFailures + 1 }))));
    expect((await store.getUser('alice'))?.consecutiveFailures).toBe(20);
  });

  it('deletes a user only when the named generation is the stored one', async () => {
    const store = await open();
    await store.putUser(user('alice', 2));
    expect(await store.deleteUser('alice', { generation: 1 })).toBeUndefined();
    expect((await store.deleteUser('alice', { generation: 2 }))?.generation).toBe(2);
    expect(await store.getUser('alice')).toBeUndefined();
  });

  it('cleanup deletes exactly the sessions past their absolute expiry (seed 003)', async () => {
    const store = await open();
    await store.createSession(session('old', 1_500));
    await store.createSession(session('new', 3_000));
    expect(await store.cleanup(2_000)).toBe(1);
    expect((await store.listSessions()).map((s) => s.id)).toEqual(['new']);
  });

  it('keeps everything across a reopen, and migrating again changes nothing', async () => {
    const first = await open();
    await first.createSession(session('s1'));
    await first.putUser(user('alice'));
    await first.close();
    const second = await reopen();
    expect(await second.counts()).toEqual({ sessions: 1, users: 1 });
    expect(second.durable).toBe(true);
  });

  it('a lock holder excludes the next one for the same user only', async () => {
    const store = await open();
    const order: string[] = [];
    let release!: () => void;
    const held = store.lockUser('alice', () => new Promise<void>((r) => (release = () => (order.push('first done'), r()))));
    const second = store.lockUser('alice', async () => void order.push('second'));
    await store.lockUser('bob', async () => void order.push('bob'));
    release();
    await Promise.all([held, second]);
    expect(order).toEqual(['bob', 'first done', 'second']);
  });
}

describe('SQL session store on PGlite', () => {
  let dir: string;
  const stores: SqlSessionStore[] = [];
  const openAt = async () => {
    const s = await createSqlStore(await createPgliteDriver(dir));
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  storeContract(
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'harness-pglite-'));
      return openAt();
    },
    openAt,
  );
});

describePostgres('SQL session store on PostgreSQL', (url) => {
  let db: ReturnType<typeof freshSchema>;
  const stores: SqlSessionStore[] = [];
  const openIn = async () => {
    const s = await createSqlStore(createPgDriver(url, { schema: db.schema }));
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await db?.drop();
  });
  storeContract(async () => {
    db = freshSchema();
    return openIn();
  }, openIn);

  it('two stores (two processes) share one user lock: the advisory lock holds across connections', async () => {
    db = freshSchema();
    const [a, b] = [await openIn(), await openIn()];
    let release!: () => void;
    const gotA = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    let entered!: () => void;
    const aInside = new Promise<void>((r) => (entered = r));
    const holdA = a.lockUser('alice', async () => {
      entered();
      await gotA;
      order.push('a');
    });
    await aInside;
    const waitB = b.lockUser('alice', async () => void order.push('b'));
    await b.lockUser('bob', async () => void order.push('b:bob'));
    release();
    await Promise.all([holdA, waitB]);
    expect(order).toEqual(['b:bob', 'a', 'b']);
  });

  it('replicas starting at once migrate once, without tripping over each other', async () => {
    db = freshSchema();
    const all = await Promise.all([openIn(), openIn(), openIn()]);
    expect(await all[0]!.counts()).toEqual({ sessions: 0, users: 0 });
  });
});
