import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import { ConfigError, type FlawName, type McpSessionServer, type SessionStore } from '../index.js';
import { describePostgres, freshSchema } from '../testing/postgres.js';
import { startTcpProxy } from '../testing/tcp-proxy.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';
import { openStore } from './open-store.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const stores: SessionStore[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
afterAll(() => sim?.close());

const serve = async (store: SessionStore | string, overrides: Parameters<typeof startTestServer>[1] = {}) => {
  const server = await startTestServer(sim, { store, ...overrides });
  servers.push(server);
  return server;
};
const open = async (spec: string, schema?: string) => {
  const store = await openStore(spec, schema ? { schema } : {});
  stores.push(store);
  return store;
};
const restart = async (server: McpSessionServer, store: SessionStore | string, overrides = {}) => {
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  return serve(store, { port: server.port, ...overrides });
};

// Each test starts PGlite on a fresh directory and again on restart (seconds of CPU each): bounded generously, as
// a busy CI machine makes that start slow, never wrong.
describe('a server on a persistent store (PGlite)', { timeout: 300_000 }, () => {
  const pgliteSpec = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-server-'));
    dirs.push(dir);
    return `pglite:${dir}`;
  };

  it('refuses a persistent store without a fixed master key: its tokens would be unreadable after a restart', async () => {
    const attempt = startTestServer(sim, { store: await pgliteSpec(), masterKey: undefined });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/persistent store needs a fixed master key/);
  });

  it('refuses it before touching the store: a directory it was not allowed to use stays unmade', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'harness-server-'));
    dirs.push(parent);
    const dir = join(parent, 'sessions');
    await expect(startTestServer(sim, { store: `pglite:${dir}`, masterKey: undefined })).rejects.toBeInstanceOf(ConfigError);
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps sessions and tokens across a restart: the same MCP client carries on without a new login (seed 003)', async () => {
    const spec = await pgliteSpec();
    const first = await serve(spec);
    const w = await TestWindow.open(first);
    await loginAs(first, sim, w, 'alice');
    const second = await restart(first, spec);
    expect(second.url).toBe(first.url);
    expect((await w.call('whoami')).body.user).toMatchObject({ preferred_username: 'alice' });
    expect((await w.call('get_profile')).isError).toBe(false);
    expect(second.events.list().some((e) => e.type === 'session.restored')).toBe(true);
    expect(await second.heartbeat.runOnce()).toMatchObject({ refreshed: 1 });
  });

  it('a store opened with another master key cannot read the tokens: the user must log in again, nothing leaks', async () => {
    const spec = await pgliteSpec();
    const first = await serve(spec);
    const w = await TestWindow.open(first);
    await loginAs(first, sim, w, 'alice');
    const second = await restart(first, spec, { masterKey: new Uint8Array(32).fill(9) });
    const answer = await w.call('get_profile');
    expect(answer.body.error).toBe('needs_reauth');
    expect(JSON.stringify(await second.store.snapshot())).not.toMatch(/eyJ/);
  });
});

describePostgres('servers on one PostgreSQL store', (url) => {
  let db: ReturnType<typeof freshSchema>;
  // A schema per test: records one test leaves (durable sessions, users) must not be refreshed by the next.
  beforeEach(() => {
    db = freshSchema();
  });
  afterEach(() => db.drop());

  const replicas = async (flaws: FlawName[], overrides = {}) => {
    const [s0, s1] = [await open(url, db.schema), await open(url, db.schema)];
    return [await serve(s0, { flaws, ...overrides }), await serve(s1, { flaws, ...overrides })] as const;
  };
  const sameUserOnBoth = async (r0: McpSessionServer, r1: McpSessionServer) => {
    const [a, b] = [await TestWindow.open(r0), await TestWindow.open(r1)];
    const login = await loginAs(r0, sim, a, 'alice');
    expect((await b.call('resume', { resume_token: login.start.resume_token })).isError).toBe(false);
    return [a, b] as const;
  };

  it('keeps sessions and tokens across a restart', async () => {
    const store = await open(url, db.schema);
    const first = await serve(store);
    const w = await TestWindow.open(first);
    await loginAs(first, sim, w, 'bob');
    const second = await restart(first, store);
    expect((await w.call('whoami')).body.user).toMatchObject({ preferred_username: 'bob' });
    expect(await second.heartbeat.runOnce()).toMatchObject({ refreshed: 1 });
  });

  for (const flawed of [false, true]) {
    it(`replica-unlocked-refresh ${flawed ? 'on: both replicas present the same refresh token' : 'off: aligned refreshes on two replicas reach the provider once'}`, async () => {
      const [r0, r1] = await replicas(flawed ? ['replica-unlocked-refresh'] : []);
      await sameUserOnBoth(r0, r1);
      const since = sim.ledger.events().length;
      const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
      const rounds = Promise.all([r0.heartbeat.runOnce(), r1.heartbeat.runOnce()]);
      await gate.waitFor(1);
      const second = await gate.waitFor(2, { timeout: 1000 });
      await gate.remove();
      await rounds;
      const reuse = sim.ledger.events({ since, types: ['reuse.detected'] }).filter((e) => e.username === 'alice');
      if (flawed) {
        expect(second.arrived).toBe(2);
        expect(reuse.length).toBe(1);
      } else {
        expect(second.arrived).toBe(1);
        expect(reuse).toEqual([]);
        // The loser said it queued for the store's lock: what lets a scenario end its wait for a second refresh at once.
        expect([...r0.events.list(), ...r1.events.list()].filter((e) => e.type === 'refresh.waiting')).toHaveLength(1);
        expect(r1.events.list().some((e) => e.type === 'refresh.adopted') || r0.events.list().some((e) => e.type === 'refresh.adopted')).toBe(true);
      }
    });

    it(`blind-delete ${flawed ? "on: a failed refresher deletes the other replica's new login" : "off: a failed refresher leaves the other replica's new login alone"}`, async () => {
      const [r0, r1] = await replicas(flawed ? ['blind-delete'] : [], { accessTokenSkewSeconds: 100_000 });
      const [a, b] = [await TestWindow.open(r0), await TestWindow.open(r1)];
      await loginAs(r0, sim, a, 'bob');
      const since = sim.ledger.events().length;
      const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'bob' });
      const held = a.call('get_profile');
      await gate.waitFor(1);
      await loginAs(r1, sim, b, 'bob');
      await sim.ledger.waitFor((e) => e.type === 'token.revoked', since);
      await gate.remove();
      await held;
      const after = await b.call('get_profile');
      expect(after.isError).toBe(flawed);
      if (flawed) expect(after.body.error).toBe('needs_reauth');
    });
  }

  it("a logout on one replica waits for a refresh in flight on the other, and revokes what that refresh brought (seed 001 #7, 003)", async () => {
    // Found by explore (replicas, seed 105): the logout took only its own process's lock, answered while the other
    // replica's refresh was at the provider, and that refresh then presented the revoked token.
    const [r0, r1] = await replicas([]);
    const [, b] = await sameUserOnBoth(r0, r1);
    const since = sim.ledger.events().length;
    const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    const round = r0.heartbeat.runOnce();
    await gate.waitFor(1);
    const waitingSince = r1.events.list().length;
    const logout = b.call('logout');
    await r1.events.waitFor((e) => e.type === 'refresh.waiting', waitingSince);
    await gate.remove();
    await round;
    expect((await logout).body).toMatchObject({ logged_out: true, revoked: true });
    const ledger = sim.ledger.events({ since }).filter((e) => e.username === 'alice');
    const refreshed = ledger.findIndex((e) => e.type === 'token.refreshed');
    const revoked = ledger.findIndex((e) => e.type === 'grant.revoked' || e.type === 'token.revoked');
    expect(refreshed).toBeGreaterThanOrEqual(0);
    expect(revoked).toBeGreaterThan(refreshed);
    expect(ledger.filter((e) => e.type === 'refresh.rejected' || e.type === 'reuse.detected')).toEqual([]);
  });

  it('a database that goes away answers clear errors, and no token is lost once it is back', async () => {
    const target = new URL(url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    try {
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      const store = await open(viaProxy.toString(), db.schema);
      const server = await serve(store);
      const w = await TestWindow.open(server);
      const bob = (await loginAs(server, sim, w, 'bob')) && sim.user('bob').sub;
      const before = await store.getUser(bob);

      proxy.cut();
      await expect(w.call('get_profile')).rejects.toThrow(/503|session store/i);
      await expect(server.heartbeat.runOnce()).rejects.toThrow(/session store .* unavailable/);
      await expect(store.getUser(bob)).rejects.toThrow(/session store postgres:\/\/.*\*\*\*.* unavailable/);

      proxy.restore();
      const after = await store.getUser(bob);
      expect(after).toMatchObject({ status: 'authenticated', generation: before!.generation, refreshTokenHash: before!.refreshTokenHash });
      expect((await w.call('get_profile')).isError).toBe(false);
      expect(await server.heartbeat.runOnce()).toMatchObject({ refreshed: 1 });
    } finally {
      await proxy.close();
    }
  });
});

describe('the store option', () => {
  it('names what is wrong with a store spec it cannot read', async () => {
    await expect(startTestServer(sim, { store: 'mysql://x' })).rejects.toThrow(/unknown store 'mysql:\/\/x'; expected memory \| postgres:/);
    await expect(startTestServer(sim, { store: 'pglite:' })).rejects.toBeInstanceOf(ConfigError);
  });
});
