import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type LedgerEvent, type OidcSim } from '../../oidc-sim/index.js';
import type { FlawName, McpSessionServer } from '../index.js';
import { manualClock } from '../testing/manual-clock.js';
import { secretsOf } from '../testing/read-secrets.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const ACCESS_TOKEN_SECONDS = 600;

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: ACCESS_TOKEN_SECONDS, refreshToken: 1200 } });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim?.close();
});

/** A server whose clock the test moves, with alice logged in through window `w`. */
async function aliceLoggedIn(flaws: FlawName[]) {
  const clock = manualClock();
  const server = await startTestServer(sim, { flaws, now: clock.now });
  servers.push(server);
  const w = await TestWindow.open(server);
  await loginAs(server, sim, w, 'alice');
  const sub = sim.user('alice').sub;
  /** Makes the stored access token look expired to the server, so the next tool call must refresh. */
  const expireAccessToken = () => clock.advance((ACCESS_TOKEN_SECONDS + 1) * 1000);
  return { server, w, sub, expireAccessToken, ledgerSince: sim.ledger.events().length };
}

const tokenEvents = (since: number, sub: string, types: LedgerEvent['type'][]) =>
  sim.ledger.events({ since, types }).filter((e) => e.sub === undefined || e.sub === sub);

describe('flaw unlocked-refresh (seed 001 #1)', () => {
  it('off: a tool call that needs a refresh while the heartbeat refreshes joins it; the provider sees one refresh', async () => {
    const { server, w, sub, expireAccessToken, ledgerSince } = await aliceLoggedIn([]);
    const hold = server.pauses.hold('refresh.before-provider', (i) => i.trigger === 'heartbeat');
    const cycle = server.heartbeat.runOnce();
    await hold.reached;
    expireAccessToken();
    const since = server.events.list().length;
    const profile = w.call('get_profile');
    await server.events.waitFor((e) => e.type === 'refresh.joined' && e.trigger === 'tool', since);
    hold.release();
    expect((await profile).body.profile.sub).toBe(sub);
    expect(await cycle).toMatchObject({ refreshed: 1, failed: 0 });
    expect(tokenEvents(ledgerSince, sub, ['token.refreshed'])).toHaveLength(1);
    expect(tokenEvents(ledgerSince, sub, ['reuse.detected', 'grant.revoked'])).toHaveLength(0);
  });

  it('on: both refresh with the same token; the provider detects reuse, revokes the grant and the window needs re-auth', async () => {
    const { server, w, sub, expireAccessToken, ledgerSince } = await aliceLoggedIn(['unlocked-refresh']);
    const hold = server.pauses.hold('refresh.before-provider', (i) => i.trigger === 'heartbeat');
    const cycle = server.heartbeat.runOnce();
    await hold.reached;
    expireAccessToken();
    // Nothing holds the tool call's own refresh: it rotates the token the held heartbeat refresh still carries.
    expect((await w.call('get_profile')).body.profile.sub).toBe(sub);
    hold.release();
    expect(await cycle).toMatchObject({ refreshed: 0 });
    expect(tokenEvents(ledgerSince, sub, ['reuse.detected'])).toHaveLength(1);
    expect(tokenEvents(ledgerSince, sub, ['grant.revoked'])).toHaveLength(1);
    expect((await w.call('get_profile')).body.error).toBe('needs_reauth');
  });
});

describe('flaw torn-token-update (seed 001 #6)', () => {
  it('off: a reader during the write waits for the whole new record; no refresh token is presented twice', async () => {
    const { server, w, sub, expireAccessToken, ledgerSince } = await aliceLoggedIn([]);
    const hold = server.pauses.hold('token-write');
    const cycle = server.heartbeat.runOnce();
    await hold.reached;
    expireAccessToken();
    const since = server.events.list().length;
    const profile = w.call('get_profile');
    await server.events.waitFor((e) => e.type === 'refresh.joined', since);
    hold.release();
    expect((await profile).body.profile.sub).toBe(sub);
    expect(await cycle).toMatchObject({ refreshed: 1 });
    expect(tokenEvents(ledgerSince, sub, ['reuse.detected'])).toHaveLength(0);
  });

  it('on: a refresh between the two writes presents the consumed refresh token: reuse detected, needs re-auth', async () => {
    const { server, w, sub, expireAccessToken, ledgerSince } = await aliceLoggedIn(['torn-token-update']);
    const hold = server.pauses.hold('token-write');
    // The cycle finishes as soon as the access token is written; the refresh token write is still held.
    expect(await server.heartbeat.runOnce()).toMatchObject({ refreshed: 1 });
    await hold.reached;
    expireAccessToken();
    const answer = await w.call('get_profile');
    hold.release();
    expect(answer.body.error).toBe('needs_reauth');
    expect(tokenEvents(ledgerSince, sub, ['reuse.detected'])).toHaveLength(1);
  });
});

describe('flaw no-failure-cleanup (seed 001 #14)', () => {
  /** Kills alice's grant at the provider behind the server's back, then runs three heartbeat cycles. */
  const deadGrantThreeCycles = async (flaws: FlawName[]) => {
    const world = await aliceLoggedIn(flaws);
    const { refreshToken } = await secretsOf(world.server, world.sub);
    await sim.client().revoke(refreshToken!, 'refresh_token');
    const since = sim.ledger.events().length;
    const cycles = [await world.server.heartbeat.runOnce(), await world.server.heartbeat.runOnce(), await world.server.heartbeat.runOnce()];
    const attempts = sim.ledger.events({ since }).filter((e) => e.endpoint === 'token');
    return { ...world, cycles, attempts };
  };

  it('off: the first invalid_grant marks the user needs_reauth, drops the tokens and stops refreshing', async () => {
    const { server, w, sub, attempts } = await deadGrantThreeCycles([]);
    expect(attempts).toHaveLength(1);
    expect((await w.call('session_status')).body).toMatchObject({ status: 'needs_reauth', consecutive_failures: 1 });
    expect((await server.store.getUser(sub))?.sealed).toBeUndefined();
    expect((await w.call('get_profile')).body.error).toBe('needs_reauth');
    await w.terminate();
    expect((await server.reaper.runOnce()).users).toEqual([sub]);
    expect(await server.store.counts()).toEqual({ sessions: 0, users: 0 });
  });

  it('on: the dead refresh token is presented every cycle and the record stays forever', async () => {
    const { server, w, sub, attempts } = await deadGrantThreeCycles(['no-failure-cleanup']);
    expect(attempts).toHaveLength(3);
    expect((await w.call('session_status')).body).toMatchObject({ status: 'authenticated', consecutive_failures: 3 });
    await w.terminate();
    await server.reaper.runOnce();
    expect((await server.store.getUser(sub))?.sealed).toBeDefined();
  });
});
