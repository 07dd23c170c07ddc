import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import type { McpSessionServer } from '../index.js';
import { startTestServer } from '../testing/test-server.js';
import { eventsOf, loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
let server: McpSessionServer;

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
  server = await startTestServer(sim);
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

describe('logout (seed 001 #7, #15, seed 002)', () => {
  it("ends the user's login in every window with a clear not_authenticated, and touches nobody else", async () => {
    const [a1, a2, b] = [await TestWindow.open(server), await TestWindow.open(server), await TestWindow.open(server)];
    const { start } = await loginAs(server, sim, a1, 'alice');
    await a2.call('resume', { resume_token: start.resume_token });
    await loginAs(server, sim, b, 'bob');

    expect((await a1.call('logout')).body).toMatchObject({ logged_out: true, revoked: true, already_logged_out: false });
    expect(await a2.call('get_profile')).toMatchObject({ isError: true, body: { error: 'not_authenticated', message: expect.stringMatching(/logged out/) } });
    expect(await a2.call('whoami')).toMatchObject({ isError: true, body: { error: 'not_authenticated' } });
    expect((await a1.call('session_status')).body).toMatchObject({ status: 'logged_out', user: null });
    expect((await a2.call('session_status')).body).toMatchObject({ status: 'logged_out', user: null });
    expect((await b.call('get_profile')).body.profile.sub).toBe(sim.user('bob').sub);
    // Logout invalidates every resume token the user had.
    expect((await (await TestWindow.open(server)).call('resume', { resume_token: start.resume_token })).body.error).toBe('invalid_resume_token');
    // A logout from the user's other window is not an error either.
    expect(await a2.call('logout')).toMatchObject({ isError: false, body: { already_logged_out: true } });
  });

  it('logout then an immediate login as the same user works, with no reuse at the provider', async () => {
    const since = sim.ledger.events().length;
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    await w.call('logout');
    await loginAs(server, sim, w, 'alice');
    expect((await w.call('get_profile')).body.profile.sub).toBe(sim.user('alice').sub);
    expect(await server.heartbeat.runOnce()).toMatchObject({ failed: 0 });
    expect(sim.ledger.events({ since, types: ['reuse.detected'] })).toHaveLength(0);
  });

  it("logout then login as another user shows only the new user's data", async () => {
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    await w.call('logout');
    await loginAs(server, sim, w, 'bob');
    expect((await w.call('get_profile')).body.profile.sub).toBe(sim.user('bob').sub);
    expect((await w.call('whoami')).body.user.sub).toBe(sim.user('bob').sub);
  });

  it('racing a refresh in flight, revokes the newest refresh token and leaves nothing behind', async () => {
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    const alice = sim.user('alice').sub;
    const hold = server.pauses.hold('refresh.before-provider', (i) => i.userId === alice);
    const cycle = server.heartbeat.runOnce();
    await hold.reached;
    const since = sim.ledger.events().length;
    const logout = w.call('logout');
    hold.release();
    expect((await logout).body).toMatchObject({ logged_out: true, revoked: true });
    await cycle;
    const rotated = eventsOf(server, 'refresh.succeeded').filter((e) => e.userId === alice).at(-1)!;
    expect(sim.ledger.events({ since, types: ['token.revoked'] }).map((e) => e.tokenHash)).toEqual([rotated.newRefreshTokenHash]);
    expect(await server.store.getUser(alice)).toBeUndefined();
  });
});
