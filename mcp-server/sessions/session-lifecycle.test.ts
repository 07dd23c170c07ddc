import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import type { McpSessionServer } from '../index.js';
import { manualClock } from '../testing/manual-clock.js';
import { startTestServer } from '../testing/test-server.js';
import { eventsOf, loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const IDLE_SECONDS = 300;
const ABSOLUTE_SECONDS = 3600;

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim?.close();
});

async function serve() {
  const clock = manualClock();
  const server = await startTestServer(sim, { now: clock.now, sessions: { idleTimeoutSeconds: IDLE_SECONDS, absoluteLifetimeSeconds: ABSOLUTE_SECONDS } });
  servers.push(server);
  return { server, clock };
}

describe('session is not user (seed 000)', () => {
  it('keeps the user\'s tokens when the session is deleted; a new session resumes without a new login', async () => {
    const { server } = await serve();
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    const alice = sim.user('alice').sub;
    await a.terminate();
    expect(eventsOf(server, 'session.closed').at(-1)).toMatchObject({ sessionId: a.sessionId, userId: alice, reason: 'deleted', tokensDeleted: false, activeSessions: 0, activeUsers: 1 });
    expect(await server.store.getUser(alice)).toBeDefined();

    const issuedBefore = sim.ledger.events({ types: ['token.issued'] }).length;
    const b = await TestWindow.open(server);
    expect(await b.call('resume', { resume_token: start.resume_token })).toMatchObject({ isError: false, body: { status: 'authenticated', user: { id: alice } } });
    expect((await b.call('get_profile')).body.profile.sub).toBe(alice);
    expect(sim.ledger.events({ types: ['token.issued'] })).toHaveLength(issuedBefore);
  });

  it('keeps one token record per user, shared by all of that user\'s windows', async () => {
    const { server } = await serve();
    const [a, b, c] = [await TestWindow.open(server), await TestWindow.open(server), await TestWindow.open(server)];
    const { start } = await loginAs(server, sim, a, 'alice');
    await b.call('resume', { resume_token: start.resume_token });
    await loginAs(server, sim, c, 'bob');
    expect(await server.store.counts()).toEqual({ sessions: 3, users: 2 });
    expect(await server.heartbeat.runOnce()).toMatchObject({ users: 2, refreshed: 2 });
  });

  it('reports active session and user counts on lifecycle events', async () => {
    const { server } = await serve();
    const a = await TestWindow.open(server);
    const b = await TestWindow.open(server);
    expect(eventsOf(server, 'session.opened').map((e) => e.activeSessions)).toEqual([1, 2]);
    await loginAs(server, sim, a, 'alice');
    expect(eventsOf(server, 'login.succeeded')[0]).toMatchObject({ activeSessions: 2, activeUsers: 1 });
    await b.terminate();
    expect(eventsOf(server, 'session.closed')[0]).toMatchObject({ activeSessions: 1, activeUsers: 1 });
  });

  it('attaches nobody by naming a user: only the resume token login returned works', async () => {
    const { server } = await serve();
    const a = await TestWindow.open(server);
    await loginAs(server, sim, a, 'alice');
    const b = await TestWindow.open(server);
    for (const guess of [sim.user('alice').sub, 'alice'.padEnd(43, 'x')]) {
      expect(await b.call('resume', { resume_token: guess })).toMatchObject({ isError: true, body: { error: 'invalid_resume_token' } });
    }
    expect((await b.call('get_profile')).body.error).toBe('not_authenticated');
  });
});

describe('idle reaping and absolute expiry (seed 003)', () => {
  it('reaps a session whose client went away without a word, and keeps the user\'s tokens', async () => {
    const { server, clock } = await serve();
    const a = await TestWindow.open(server);
    await loginAs(server, sim, a, 'alice');
    const live = await TestWindow.open(server);
    await a.vanish();
    clock.advance((IDLE_SECONDS - 1) * 1000);
    await live.call('session_status');
    expect((await server.reaper.runOnce()).sessions).toEqual([]);
    clock.advance(2000);
    expect((await server.reaper.runOnce()).sessions).toEqual([a.sessionId]);
    expect(eventsOf(server, 'session.closed')[0]).toMatchObject({ sessionId: a.sessionId, reason: 'idle', tokensDeleted: false });
    expect(await server.store.getUser(sim.user('alice').sub)).toBeDefined();
    expect((await live.call('session_status')).isError).toBe(false);
  });

  it('ends a session at its absolute expiry however busy it is; the client gets 404, and its resume token ended with it', async () => {
    const { server, clock } = await serve();
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    for (let t = 0; t < ABSOLUTE_SECONDS; t += IDLE_SECONDS / 2) {
      clock.advance((IDLE_SECONDS / 2) * 1000);
      if (t + IDLE_SECONDS / 2 < ABSOLUTE_SECONDS) expect((await a.call('session_status')).isError).toBe(false);
    }
    await expect(a.call('session_status')).rejects.toThrow(/404|Session not found/);
    expect(eventsOf(server, 'session.closed')[0]).toMatchObject({ sessionId: a.sessionId, reason: 'expired' });
    const b = await TestWindow.open(server);
    expect(await b.call('resume', { resume_token: start.resume_token })).toMatchObject({ isError: true, body: { error: 'invalid_resume_token', message: expect.stringContaining('expired') } });
  });
});

describe('resume tokens (issue 13)', () => {
  it('live as long as a session may, counted from their login: valid a second before, refused at the end', async () => {
    const { server, clock } = await serve();
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    expect(start.resume_token_expires_in).toBe(ABSOLUTE_SECONDS);
    clock.advance((ABSOLUTE_SECONDS - 1) * 1000);
    expect((await (await TestWindow.open(server)).call('resume', { resume_token: start.resume_token })).isError).toBe(false);
    clock.advance(1000);
    expect((await (await TestWindow.open(server)).call('resume', { resume_token: start.resume_token })).body.error).toBe('invalid_resume_token');
  });

  it('are not rotated by a later login of the same user: each window keeps its own until its expiry or a logout', async () => {
    const { server } = await serve();
    const [a, b] = [await TestWindow.open(server), await TestWindow.open(server)];
    const first = (await loginAs(server, sim, a, 'alice')).start;
    const second = (await loginAs(server, sim, b, 'alice')).start;
    for (const token of [first.resume_token, second.resume_token]) {
      expect((await (await TestWindow.open(server)).call('resume', { resume_token: token })).isError).toBe(false);
    }
    await b.call('logout');
    expect((await (await TestWindow.open(server)).call('resume', { resume_token: first.resume_token })).body.error).toBe('invalid_resume_token');
  });

  it('cannot be stretched: a token whose stated expiry was edited is one nobody issued', async () => {
    const { server, clock } = await serve();
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    const [expiry, secret] = start.resume_token.split('.');
    const stretched = `${(parseInt(expiry, 36) + 3_600_000).toString(36)}.${secret}`;
    clock.advance(ABSOLUTE_SECONDS * 1000);
    expect((await (await TestWindow.open(server)).call('resume', { resume_token: stretched })).body.error).toBe('invalid_resume_token');
  });
});
