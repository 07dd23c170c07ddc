import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../oidc-sim/index.js';
import type { McpSessionServer } from './index.js';
import { secretsOf } from './testing/read-secrets.js';
import { tokenHash } from './tokens/token-hash.js';
import { startTestServer } from './testing/test-server.js';
import { loginAs, TestWindow } from './testing/test-window.js';

let sim: OidcSim;
let server: McpSessionServer;
const logLines: string[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
  server = await startTestServer(sim, { log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

describe('no token in plaintext (seed 004, invariant no-plaintext)', () => {
  it('keeps every token value out of the store, the logs and the tool results', async () => {
    const seen = new Set<string>();
    const collect = async (sub: string) => {
      const s = await secretsOf(server, sub);
      for (const v of [s.accessToken, s.refreshToken, s.idToken]) if (v) seen.add(v);
    };
    const answers: string[] = [];
    const [a, b] = [await TestWindow.open(server), await TestWindow.open(server)];
    const { start } = await loginAs(server, sim, a, 'alice');
    await loginAs(server, sim, b, 'bob');
    const [alice, bob] = [sim.user('alice').sub, sim.user('bob').sub];
    await collect(alice);
    await collect(bob);
    for (const tool of ['get_profile', 'whoami', 'session_status']) answers.push(JSON.stringify(await a.call(tool)), JSON.stringify(await b.call(tool)));
    await server.heartbeat.runOnce();
    await collect(alice);
    await collect(bob);
    answers.push(JSON.stringify(await a.call('get_profile')));

    expect(seen.size).toBeGreaterThanOrEqual(10);
    const store = JSON.stringify(await server.store.snapshot());
    const logs = logLines.join('\n');
    const events = JSON.stringify(server.events.list());
    for (const token of seen) {
      expect(store).not.toContain(token);
      expect(logs).not.toContain(token);
      expect(events).not.toContain(token);
      for (const answer of answers) expect(answer).not.toContain(token);
    }
    // The resume token exists once, in login's answer; the store keeps only its hash.
    expect(store).not.toContain(start.resume_token);
    expect(logs).not.toContain(start.resume_token);
    expect(logLines.some((l) => JSON.parse(l).type === 'session.opened' && 'activeSessions' in JSON.parse(l))).toBe(true);
  });

  it('names sessions in the log only by a hash: a session id is a credential too', async () => {
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    await w.call('get_profile');
    await w.terminate();
    const logs = logLines.join('\n');
    expect(logs).not.toContain(w.sessionId);
    const mine = logLines.map((l) => JSON.parse(l)).filter((e) => e.sessionHash === `s:${tokenHash(w.sessionId)}`);
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(['session.opened', 'login.started', 'login.succeeded', 'session.closed']));
    expect(mine.every((e) => !('sessionId' in e))).toBe(true);
  });

  it("a user's sealed record copied onto another user does not open: that user needs re-auth, never someone else's data", async () => {
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'bob');
    const [alice, bob] = [sim.user('alice').sub, sim.user('bob').sub];
    const stolen = (await server.store.getUser(alice))!.sealed;
    await server.store.updateUser(bob, (r) => ({ ...r, sealed: stolen! }));
    expect(await w.call('get_profile')).toMatchObject({ isError: true, body: { error: 'needs_reauth', message: expect.stringMatching(/decrypt/) } });
    expect(await server.heartbeat.runOnce()).toMatchObject({ failed: 1 });
    expect((await w.call('session_status')).body.status).toBe('needs_reauth');
  });
});
