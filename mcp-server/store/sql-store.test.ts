import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activationContract } from '../testing/activation-contract.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describePostgres, freshSchema } from '../testing/postgres.js';
import { createPgDriver } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';
import { makePrivateDir } from './private-dir.js';
import type { UserRecord } from './session-store.js';
import { sessionKey } from './session-key.js';
import type { SqlDriver } from './sql-driver.js';
import { migrations } from './sql-migrations.js';
import { createSqlStore, type SqlSessionStore } from './sql-store.js';

const user = (userId: string, generation = 1, resumeHashes: string[] = []): UserRecord => ({ userId, status: 'authenticated', accessExpiresAt: 10, consecutiveFailures: 0, resumeHashes, generation, accessTokenHash: `a${generation}` });
const session = (id: string, expiresAt = 2_000) => ({ id, createdAt: 1_000, lastSeenAt: 1_000, expiresAt });

/**
 * The same behaviour on every SQL backend: one code path, two drivers. `freshDriver` opens an empty database
 * without migrating it; `lastDriver` is the driver of the store `open`/`reopen` returned last (for raw reads).
 */
function storeContract(open: () => Promise<SqlSessionStore>, reopen: () => Promise<SqlSessionStore>, freshDriver: () => Promise<SqlDriver>, lastDriver: () => SqlDriver) {
  it('round-trips sessions and users, timestamps to the millisecond', async () => {
    const store = await open();
    await store.createSession({ ...session('s1'), createdAt: 1_700_000_000_123, lastSeenAt: 1_700_000_000_456, expiresAt: 1_700_000_100_789 });
    await store.putUser(user('alice', 1, ['h1']));
    expect(await store.getSession('s1')).toEqual({ id: 's1', key: sessionKey('s1'), createdAt: 1_700_000_000_123, lastSeenAt: 1_700_000_000_456, expiresAt: 1_700_000_100_789 });
    expect(await store.getUser('alice')).toEqual(user('alice', 1, ['h1']));
    expect((await store.findUserByResumeHash('h1'))?.userId).toBe('alice');
  });

  activationContract(open);

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

  it('files sessions under the sha256 of their id: no session id at rest, and a restarted store still reaps them by key', async () => {
    const id = 'sid-a-bearer-credential-0123456789';
    const store = await open();
    await store.createSession(session(id));
    await store.activate(id, 'nobody');
    await store.updateSession(id, (s) => ({ ...s, lastSeenAt: 1_500 }));
    const rows = (await lastDriver().query<{ id: string }>('SELECT * FROM harness_sessions')).rows;
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(rows.map((r) => r.id)).toEqual([sessionKey(id)]);
    expect(JSON.stringify(await store.snapshot())).not.toContain(id);
    expect((await store.getSession(id))?.lastSeenAt).toBe(1_500);
    expect((await store.listSessions()).map((s) => s.id)).toEqual([id]);
    await store.close();

    const restarted = await reopen();
    const [listed] = await restarted.listSessions();
    expect(listed).toMatchObject({ id: `stored:${sessionKey(id).slice(0, 12)}`, key: sessionKey(id) });
    expect(await restarted.getSession(sessionKey(id))).toBeUndefined();
    expect((await restarted.deleteSessionByKey(listed!.key!))?.expiresAt).toBe(2_000);
    expect(await restarted.counts()).toEqual({ sessions: 0, users: 0 });
  });

  it('migrates rows an older version filed under the plain id: they go on working, keyed by hash', async () => {
    const driver = await freshDriver();
    if (driver.schema) await driver.query(`CREATE SCHEMA IF NOT EXISTS ${driver.schema}`);
    await driver.query(`CREATE TABLE harness_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await driver.query(migrations[0]!.sql);
    await driver.query(`INSERT INTO harness_migrations (id, name) VALUES (1, 'sessions and users')`);
    await driver.query(`INSERT INTO harness_sessions (id, user_id, created_at, last_accessed_at, expires_at) VALUES ('old-plain-id', 'alice', now(), now(), now() + interval '1 hour')`);
    const store = await createSqlStore(driver);
    expect(await store.getSession('old-plain-id')).toMatchObject({ id: 'old-plain-id', userId: 'alice' });
    expect(JSON.stringify((await driver.query('SELECT * FROM harness_sessions')).rows)).not.toContain('old-plain-id');
    await store.close();
  });

  it('a lock holder excludes the next one for the same user only', async () => {
    const store = await open();
    const order: string[] = [];
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const held = store.lockUser(
      'alice',
      () => (entered(), new Promise<void>((r) => (release = () => (order.push('first done'), r())))),
      () => order.push('first waits'),
    );
    await inside;
    let queued!: () => void;
    const secondWaits = new Promise<void>((r) => (queued = r));
    const second = store.lockUser('alice', async () => void order.push('second'), () => (order.push('second waits'), queued()));
    await secondWaits;
    await store.lockUser('bob', async () => void order.push('bob'), () => order.push('bob waits'));
    release();
    await Promise.all([held, second]);
    expect(order).toEqual(['second waits', 'bob', 'first done', 'second']);
  });
}

describe('SQL session store on PGlite', () => {
  // One database for the file, a schema per test, as the PostgreSQL run below has: starting PGlite costs seconds of
  // CPU. `keeper` holds it open between tests; persistent-server.test.ts reopens a database on disk.
  const database = `memory://sql-store-test-${process.pid}`;
  let keeper: SqlDriver;
  let schema: string;
  let last: SqlDriver;
  let count = 0;
  const stores: SqlSessionStore[] = [];
  const openIn = async () => {
    const s = await createSqlStore((last = await createPgliteDriver(database, { schema })));
    stores.push(s);
    return s;
  };
  beforeAll(async () => {
    keeper = await createPgliteDriver(database);
  }, 180_000);
  afterAll(() => keeper?.close());
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  storeContract(
    async () => {
      schema = `contract_${++count}`;
      return openIn();
    },
    openIn,
    async () => {
      schema = `contract_${++count}`;
      return createPgliteDriver(database, { schema });
    },
    () => last,
  );
});

describePostgres('SQL session store on PostgreSQL', (url) => {
  let db: ReturnType<typeof freshSchema>;
  let last: SqlDriver;
  const stores: SqlSessionStore[] = [];
  const openIn = async () => {
    const s = await createSqlStore((last = createPgDriver(url, { schema: db.schema })));
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await db?.drop();
  });
  storeContract(
    async () => {
      db = freshSchema();
      return openIn();
    },
    openIn,
    async () => {
      db = freshSchema();
      return createPgDriver(url, { schema: db.schema });
    },
    () => last,
  );

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
    let waiting!: () => void;
    const bWaits = new Promise<void>((r) => (waiting = r));
    const waitB = b.lockUser('alice', async () => void order.push('b'), () => (order.push('b waits'), waiting()));
    await bWaits;
    await b.lockUser('bob', async () => void order.push('b:bob'), () => order.push('b:bob waits'));
    release();
    await Promise.all([holdA, waitB]);
    expect(order).toEqual(['b waits', 'b:bob', 'a', 'b']);
  });

  it('replicas starting at once migrate once, without tripping over each other', async () => {
    db = freshSchema();
    const all = await Promise.all([openIn(), openIn(), openIn()]);
    expect(await all[0]!.counts()).toEqual({ sessions: 0, users: 0 });
  });
});

describe('the PGlite data directory', () => {
  it('is created 0700 and one that was there is closed to others, so its files are readable by the owner only', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'harness-pglite-mode-'));
    try {
      const fresh = join(parent, 'fresh', 'data');
      const existing = join(parent, 'existing');
      await mkdir(existing, { mode: 0o755 });
      await chmod(existing, 0o755);
      for (const dir of [fresh, existing]) {
        await makePrivateDir(dir);
        expect((await stat(dir)).mode & 0o777).toBe(0o700);
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('is what the PGlite driver opens the database in', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'harness-pglite-mode-'));
    try {
      const dir = join(parent, 'data');
      const driver = await createPgliteDriver(dir);
      await driver.close();
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 180_000);
});
