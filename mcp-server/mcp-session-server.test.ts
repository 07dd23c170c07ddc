import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../oidc-sim/index.js';
import type { McpSessionServer } from './index.js';
import { startTestServer } from './testing/test-server.js';
import { loginAs, TestWindow } from './testing/test-window.js';

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

describe('reference server end to end', () => {
  it('logs a window in through the device flow and answers with that user\'s own data', async () => {
    const w = await TestWindow.open(server);
    expect((await w.call('session_status')).body.status).toBe('anonymous');
    const { start, ended } = await loginAs(server, sim, w, 'alice');
    expect(ended.type).toBe('session.activated');
    expect(start).toMatchObject({ status: 'pending', user_code: expect.any(String), verification_uri: expect.stringContaining(sim.issuer) });
    // `<expiry in base36 ms>.<256 random bits>` (tokens/resume-token.ts): the expiry is covered by the stored hash.
    expect(start.resume_token).toMatch(/^[0-9a-z]{1,11}\.[\w-]{43}$/);

    const alice = sim.user('alice');
    const profile = await w.call('get_profile');
    expect(profile).toMatchObject({ isError: false, body: { profile: { sub: alice.sub } } });
    const who = await w.call('whoami');
    expect(who.body.user).toMatchObject({ sub: alice.sub, preferred_username: 'alice' });
    const status = await w.call('session_status');
    expect(status.body).toMatchObject({ status: 'authenticated', user: { id: alice.sub, username: 'alice' }, consecutive_failures: 0 });
    await w.terminate();
  });

  it('polls a pending device login at once when told it was approved, without waiting out its interval', async () => {
    // An interval no test outlives: only pollDeviceLoginsNow can finish this login.
    const slow = await startTestServer(sim, { devicePollIntervalSeconds: 3600 });
    try {
      const w = await TestWindow.open(slow);
      const since = slow.events.list().length;
      const started = await w.call('login');
      await sim.approveDevice(started.body.user_code, 'bob');
      slow.pollDeviceLoginsNow();
      const ended = await slow.events.waitFor((e) => 'sessionId' in e && e.sessionId === w.sessionId && ['session.activated', 'login.failed'].includes(e.type), since);
      expect(ended.type).toBe('session.activated');
      expect((await w.call('whoami')).body.user).toMatchObject({ preferred_username: 'bob' });
      await w.terminate();
    } finally {
      await slow.close();
    }
  });

  it('lists exactly the contract tools', async () => {
    const w = await TestWindow.open(server);
    const { tools } = await w.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_profile', 'login', 'logout', 'resume', 'session_status', 'whoami']);
    await w.terminate();
  });
});
