import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import { ConfigError, type FlawName, type McpSessionServer } from '../index.js';
import { secretsOf } from '../testing/read-secrets.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, nthEvent, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const serve = async (flaws: FlawName[], heartbeat = {}) => {
  const server = await startTestServer(sim, { flaws, heartbeat });
  servers.push(server);
  return server;
};

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim?.close();
});

const refreshAttempts = (since: number, sub: string) =>
  sim.ledger.events({ since }).filter((e) => e.endpoint === 'token' && e.type !== 'token.issued' && e.sub === sub);

describe('flaw heartbeat-after-logout (seed 001 #4)', () => {
  const logoutMidCycle = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    const hold = server.pauses.hold('heartbeat.user');
    const cycle = server.heartbeat.runOnce();
    await hold.reached;
    const revokedHash = (await server.store.getUser(sim.user('alice').sub))!.refreshTokenHash;
    expect((await w.call('logout')).body).toMatchObject({ logged_out: true, revoked: true });
    const since = sim.ledger.events().length;
    const eventsSince = server.events.list().length;
    hold.release();
    const result = await cycle;
    // A revoked token has no owner any more at the provider: find its attempts by the token's hash.
    const attempts = sim.ledger.events({ since }).filter((e) => e.endpoint === 'token' && e.tokenHash === revokedHash);
    return { result, attempts, started: server.events.list({ since: eventsSince, types: ['refresh.started'] }) };
  };

  it('off: a user who logged out after the snapshot is not refreshed', async () => {
    const { result, attempts, started } = await logoutMidCycle([]);
    expect(result).toMatchObject({ refreshed: 0, notRefreshed: 1 });
    expect(started).toHaveLength(0);
    expect(attempts).toHaveLength(0);
  });

  it('on: the cycle presents the revoked refresh token to the provider after the logout', async () => {
    const { attempts, started } = await logoutMidCycle(['heartbeat-after-logout']);
    expect(started).toHaveLength(1);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.type).not.toBe('token.refreshed');
  });
});

describe('flaw overlapping-heartbeat (seed 001 #11)', () => {
  const secondCycleWhileFirstWaits = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const [a, b] = [await TestWindow.open(server), await TestWindow.open(server)];
    await loginAs(server, sim, a, 'alice');
    await loginAs(server, sim, b, 'bob');
    const [alice, bob] = [sim.user('alice').sub, sim.user('bob').sub];
    const since = sim.ledger.events().length;
    const eventsSince = server.events.list().length;
    const hold = server.pauses.hold('refresh.before-provider', (i) => i.userId === bob);
    const first = server.heartbeat.runOnce();
    await hold.reached;
    await server.events.waitFor((e) => e.type === 'refresh.succeeded' && e.userId === alice, eventsSince);
    const second = server.heartbeat.runOnce();
    return { server, first, second, hold, since, eventsSince, alice, bob };
  };

  it('off: a cycle that starts while the previous one runs is skipped', async () => {
    const { first, second, hold, since, alice, bob } = await secondCycleWhileFirstWaits([]);
    expect(await second).toMatchObject({ skipped: true });
    hold.release();
    expect(await first).toMatchObject({ skipped: false, refreshed: 2 });
    expect(refreshAttempts(since, alice)).toHaveLength(1);
    expect(refreshAttempts(since, bob)).toHaveLength(1);
  });

  it('on: the second cycle refreshes users the first one already refreshed while it still waits', async () => {
    const { server, first, second, hold, since, eventsSince, alice, bob } = await secondCycleWhileFirstWaits(['overlapping-heartbeat']);
    await nthEvent(server, 2, (e) => e.type === 'refresh.succeeded' && e.userId === alice, eventsSince);
    hold.release();
    expect(await second).toMatchObject({ skipped: false });
    expect(await first).toMatchObject({ skipped: false });
    expect(refreshAttempts(since, alice)).toHaveLength(2);
    expect(refreshAttempts(since, bob)).toHaveLength(1);
  });
});

describe('flaw tight-heartbeat (seed 001 #5)', () => {
  const seedTiming = { intervalSeconds: 25, refreshTokenLifetimeSeconds: 30, latencyMarginSeconds: 10 };

  it("off: the seed's 25 s heartbeat against a 30 s refresh token is refused with a clear error", async () => {
    const refused = serve([], seedTiming);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/interval 25 s leaves 5 s before the refresh token \(30 s\) expires, less than the 10 s latency margin \(seed 001 #5\)/);
    await expect(serve([], { ...seedTiming, intervalSeconds: 20 })).resolves.toBeDefined();
  });

  it('on: that timing starts, and a refresh delayed past the short head room finds the refresh token expired', async () => {
    expect((await serve(['tight-heartbeat'], seedTiming)).config.heartbeat.intervalMs).toBe(25_000);
    // A provider whose refresh tokens live 2 s, with a heartbeat every 1.9 s: 0.1 s of head room.
    const shortSim = await createOidcSim({ users: ['alice'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 2 } });
    try {
      const server = await startTestServer(shortSim, { flaws: ['tight-heartbeat'], heartbeat: { intervalSeconds: 1.9, refreshTokenLifetimeSeconds: 2, latencyMarginSeconds: 1 } });
      servers.push(server);
      const w = await TestWindow.open(server);
      await loginAs(server, shortSim, w, 'alice');
      const { refreshToken } = await secretsOf(server, shortSim.user('alice').sub);
      const hold = server.pauses.hold('refresh.before-provider');
      const cycle = server.heartbeat.runOnce();
      await hold.reached;
      // The network delay outlasts the 0.1 s of head room: the token dies at the provider while the refresh is held.
      expect(shortSim.expire({ token: refreshToken! })).toBeGreaterThan(0);
      expect((await shortSim.client().introspect(refreshToken!)).body.active).toBe(false);
      hold.release();
      expect(await cycle).toMatchObject({ failed: 1 });
      expect((await w.call('session_status')).body.status).toBe('needs_reauth');
      expect(shortSim.ledger.events({ types: ['expired.use', 'refresh.rejected'] }).length).toBeGreaterThan(0);
    } finally {
      await shortSim.close();
    }
  });
});
