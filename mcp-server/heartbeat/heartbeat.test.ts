import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import type { McpSessionServer, McpSessionServerOptions } from '../index.js';
import { manualClock } from '../testing/manual-clock.js';
import { startProviderFaults, type ProviderFaults } from '../testing/provider-faults.js';
import { startTestServer } from '../testing/test-server.js';
import { eventsOf, loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
let faults: ProviderFaults;
const servers: McpSessionServer[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
  faults = await startProviderFaults();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await faults?.close();
  await sim?.close();
});

async function aliceLoggedIn(overrides: Partial<McpSessionServerOptions> = {}) {
  const server = await startTestServer(sim, { dispatcher: faults.dispatcher, ...overrides });
  servers.push(server);
  const w = await TestWindow.open(server);
  await loginAs(server, sim, w, 'alice');
  return { server, w, alice: sim.user('alice').sub, since: sim.ledger.events().length };
}

const refreshes = (since: number) => sim.ledger.events({ since, types: ['token.refreshed'] });

describe('heartbeat (seed 001 #4, #5, #11, #12, #14)', () => {
  it('refreshes every logged-in user once per cycle, and rotates what it stores', async () => {
    const { server, alice, since } = await aliceLoggedIn();
    const before = (await server.store.getUser(alice))!.refreshTokenHash;
    expect(await server.heartbeat.runOnce()).toEqual({ cycle: 1, skipped: false, users: 1, refreshed: 1, failed: 0, notRefreshed: 0 });
    const after = await server.store.getUser(alice);
    expect(refreshes(since)).toHaveLength(1);
    expect(refreshes(since)[0]).toMatchObject({ parent: before, tokenHash: after!.refreshTokenHash });
    expect(eventsOf(server, 'heartbeat.finished')).toHaveLength(1);
  });

  it('retries transient failures with backoff and recovers without bothering the user', async () => {
    const { server, w, since } = await aliceLoggedIn({ heartbeat: { failureBudget: 3 } });
    faults.failRefreshes(2);
    const refusedBefore = faults.refused;
    expect(await server.heartbeat.runOnce()).toMatchObject({ refreshed: 1, failed: 0 });
    expect(faults.refused - refusedBefore).toBe(2);
    expect(eventsOf(server, 'refresh.failed').map((e) => [e.transient, e.consecutiveFailures])).toEqual([[true, 1], [true, 2]]);
    expect(refreshes(since)).toHaveLength(1);
    expect((await w.call('session_status')).body).toMatchObject({ status: 'authenticated', consecutive_failures: 0 });
  });

  it('marks the user needs_reauth once the failure budget is spent, drops the tokens and stops refreshing', async () => {
    const { server, w, alice } = await aliceLoggedIn({ heartbeat: { failureBudget: 3 } });
    faults.failRefreshes(100);
    const refusedBefore = faults.refused;
    expect(await server.heartbeat.runOnce()).toMatchObject({ failed: 1 });
    expect(faults.refused - refusedBefore).toBe(3);
    expect(eventsOf(server, 'needs_reauth')).toMatchObject([{ userId: alice, reason: expect.stringMatching(/failure budget of 3/) }]);
    expect((await server.store.getUser(alice))?.sealed).toBeUndefined();
    expect(await server.heartbeat.runOnce()).toMatchObject({ users: 0 });
    expect(faults.refused - refusedBefore).toBe(3);
    faults.failRefreshes(0);
    expect(await w.call('get_profile')).toMatchObject({ isError: true, body: { error: 'needs_reauth' } });
    expect((await w.call('session_status')).body.status).toBe('needs_reauth');
  });

  it('does not retry into the last margin before the refresh token dies', async () => {
    const clock = manualClock();
    const { server } = await aliceLoggedIn({ now: clock.now, heartbeat: { failureBudget: 10, refreshTokenLifetimeSeconds: 30, latencyMarginSeconds: 10, intervalSeconds: 20 } });
    clock.advance(21_000);
    faults.failRefreshes(100);
    const refusedBefore = faults.refused;
    expect(await server.heartbeat.runOnce()).toMatchObject({ failed: 1 });
    faults.failRefreshes(0);
    expect(faults.refused - refusedBefore).toBe(1);
  });

  it('runs on its timer and stops with close()', async () => {
    const { server } = await aliceLoggedIn({ heartbeat: { timer: true, intervalSeconds: 0.05, refreshTokenLifetimeSeconds: 30, latencyMarginSeconds: 1 } });
    expect(server.heartbeat.timerRunning).toBe(true);
    await server.events.waitFor((e) => e.type === 'heartbeat.finished');
    await server.close();
    expect(server.heartbeat.timerRunning).toBe(false);
    const cycles = eventsOf(server, 'heartbeat.started').length;
    await expect(TestWindow.open(server)).rejects.toThrow();
    expect(eventsOf(server, 'heartbeat.started')).toHaveLength(cycles);
  });
});
