import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../oidc-sim/index.js';
import type { McpSessionServer } from './index.js';
import { manualClock } from './testing/manual-clock.js';
import { startTestServer } from './testing/test-server.js';
import { loginAs, TestWindow } from './testing/test-window.js';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const WINDOWS_PER_USER = 6;
let sim: OidcSim;
let server: McpSessionServer;
const clock = manualClock();

beforeAll(async () => {
  sim = await createOidcSim({ users: USERS, timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
  server = await startTestServer(sim, { now: clock.now });
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

describe('many windows of several users (invariants isolation, no-reuse, bounded)', () => {
  it('gives every window its own user\'s data while all of them and the heartbeat race to refresh', async () => {
    const windows: Array<{ w: TestWindow; user: string }> = [];
    for (const user of USERS) {
      const first = await TestWindow.open(server);
      const { start } = await loginAs(server, sim, first, user);
      windows.push({ w: first, user });
      for (let i = 1; i < WINDOWS_PER_USER; i++) {
        const w = await TestWindow.open(server);
        expect((await w.call('resume', { resume_token: start.resume_token })).isError).toBe(false);
        windows.push({ w, user });
      }
    }
    const since = sim.ledger.events().length;
    // Every stored access token now looks expired: each call and the heartbeat all want a refresh at once.
    clock.advance(601_000);
    const [cycle, ...answers] = await Promise.all([server.heartbeat.runOnce(), ...windows.map(({ w }) => w.call('get_profile'))]);
    answers.forEach((answer, i) => expect(answer.body.profile?.sub, `window ${i}`).toBe(sim.user(windows[i]!.user).sub));
    expect(cycle).toMatchObject({ users: USERS.length, failed: 0 });
    expect(sim.ledger.events({ since, types: ['reuse.detected', 'grant.revoked'] })).toHaveLength(0);
    // One refresh per user, shared by its six windows and the heartbeat.
    const refreshed = sim.ledger.events({ since, types: ['token.refreshed'] }).map((e) => e.sub);
    expect(refreshed.sort()).toEqual(USERS.map((u) => sim.user(u).sub).sort());
    expect(await server.store.counts()).toEqual({ sessions: USERS.length * WINDOWS_PER_USER, users: USERS.length });
  });
});
