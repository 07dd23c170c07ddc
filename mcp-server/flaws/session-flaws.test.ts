import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import type { FlawName, McpSessionServer } from '../index.js';
import { secretsOf } from '../testing/read-secrets.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const serve = async (flaws: FlawName[]) => {
  const server = await startTestServer(sim, { flaws });
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

describe('flaw global-active-session (seed 001 #9)', () => {
  const twoUsers = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const a = await TestWindow.open(server);
    const b = await TestWindow.open(server);
    await loginAs(server, sim, a, 'alice');
    await loginAs(server, sim, b, 'bob');
    return { a, b };
  };

  it('off: each window gets its own user\'s profile', async () => {
    const { a, b } = await twoUsers([]);
    expect((await a.call('get_profile')).body.profile.sub).toBe(sim.user('alice').sub);
    expect((await b.call('get_profile')).body.profile.sub).toBe(sim.user('bob').sub);
  });

  it("on: window A gets window B's user's profile once B logged in", async () => {
    const { a } = await twoUsers(['global-active-session']);
    expect((await a.call('get_profile')).body.profile.sub).toBe(sim.user('bob').sub);
  });
});

describe('flaw activation-race (seed 001 #3)', () => {
  const closeDuringActivation = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const w = await TestWindow.open(server);
    const sessionId = w.sessionId;
    const hold = server.pauses.hold('activation', (i) => i.sessionId === sessionId);
    const start = await w.call('login');
    await sim.approveDevice(start.body.user_code, 'alice');
    await hold.reached;
    await w.terminate();
    const since = server.events.list().length;
    hold.release();
    const outcome = await server.events.waitFor((e) => 'sessionId' in e && e.sessionId === sessionId && e.type.startsWith('session.activat'), since);
    return { server, sessionId, outcome, resumeToken: start.body.resume_token as string };
  };

  it('off: a session closed while its login completes stays closed; the user can still resume elsewhere', async () => {
    const { server, sessionId, outcome, resumeToken } = await closeDuringActivation([]);
    expect(outcome.type).toBe('session.activation-failed');
    expect(await server.store.getSession(sessionId)).toBeUndefined();
    expect((await server.store.counts()).sessions).toBe(0);
    const again = await TestWindow.open(server);
    expect((await again.call('resume', { resume_token: resumeToken })).isError).toBe(false);
  });

  it('on: the closed session comes back in the store, dangling, mapped to the user', async () => {
    const { server, sessionId, outcome } = await closeDuringActivation(['activation-race']);
    expect(outcome.type).toBe('session.activated');
    expect(await server.store.getSession(sessionId)).toMatchObject({ userId: sim.user('alice').sub });
  });
});

describe('a login whose user another window logs out while it completes', () => {
  // Found by explore with replicas: the session stayed 'pending' for ever, and its window waited out its bound.
  it('ends: its session no longer reports the login pending', async () => {
    const server = await serve([]);
    const b = await TestWindow.open(server);
    await loginAs(server, sim, b, 'alice');
    const a = await TestWindow.open(server);
    const sessionId = a.sessionId;
    const hold = server.pauses.hold('activation', (i) => i.sessionId === sessionId);
    const start = await a.call('login');
    await sim.approveDevice(start.body.user_code, 'alice');
    await hold.reached;
    expect((await a.call('session_status')).body.status).toBe('pending');
    expect((await b.call('logout')).isError).toBe(false);
    const since = server.events.list().length;
    hold.release();
    const outcome = await server.events.waitFor((e) => 'sessionId' in e && e.sessionId === sessionId && e.type.startsWith('session.activat'), since);
    expect(outcome.type).toBe('session.activation-failed');
    expect((await a.call('session_status')).body).toMatchObject({ status: 'anonymous', login_pending: false });
  });
});

describe('a login whose own window logs out while it completes', () => {
  // Found by explore: the window saw its login end logged_out, then the late activation logged it in as the user.
  it.each(['before the approval', 'while the activation is held'] as const)('ends logged out, and its tokens go back (logout %s)', async (at) => {
    const server = await serve([]);
    const a = await TestWindow.open(server);
    const sessionId = a.sessionId;
    const hold = at === 'while the activation is held' ? server.pauses.hold('activation', (i) => i.sessionId === sessionId) : undefined;
    const start = await a.call('login');
    const before = sim.ledger.events().length;
    if (hold) {
      await sim.approveDevice(start.body.user_code, 'alice');
      await hold.reached;
      expect((await a.call('logout')).isError).toBe(false);
      hold.release();
    } else {
      expect((await a.call('logout')).isError).toBe(false);
      await sim.approveDevice(start.body.user_code, 'alice');
    }
    server.pollDeviceLoginsNow();
    await server.events.waitFor((e) => e.type === 'login.failed' && e.sessionId === sessionId, 0);
    expect((await a.call('session_status')).body).toMatchObject({ status: 'logged_out', login_pending: false });
    expect((await a.call('whoami')).body.error).toBe('not_authenticated');
    expect(await server.store.getUser(sim.user('alice').sub)).toBeUndefined();
    expect(sim.ledger.events({ since: before, types: ['grant.revoked', 'token.revoked'] }).length).toBeGreaterThan(0);
  });
});

describe('a resume whose user must log in again while it attaches', () => {
  // Found by explore: the resume read the user before its activation and answered a stale 'authenticated'.
  it("answers the user's status as it is once attached: needs_reauth", async () => {
    const server = await serve([]);
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    const b = await TestWindow.open(server);
    const sessionId = b.sessionId;
    const hold = server.pauses.hold('activation', (i) => i.sessionId === sessionId);
    const resumed = b.call('resume', { resume_token: start.resume_token });
    await hold.reached;
    sim.expire({ user: 'alice' });
    await server.heartbeat.runOnce();
    expect((await server.store.getUser(sim.user('alice').sub))?.status).toBe('needs_reauth');
    hold.release();
    expect((await resumed).body).toMatchObject({ status: 'needs_reauth' });
  });
});

describe('a call whose fresh access token the provider ended before the call used it', () => {
  // Found by explore (wide, seed 204): the refresh token was good, yet the call answered needs_reauth.
  it('refreshes once more instead of telling the user to log in again', async () => {
    const server = await serve([]);
    const a = await TestWindow.open(server);
    await loginAs(server, sim, a, 'alice');
    sim.expire({ accessTokensOf: 'alice' });
    const hold = server.pauses.hold('token-write', (i) => i.userId === sim.user('alice').sub);
    const since = sim.ledger.events().length;
    const call = a.call('whoami');
    await hold.reached;
    sim.expire({ accessTokensOf: 'alice' });
    hold.release();
    const answer = await call;
    expect(answer.isError, JSON.stringify(answer.body)).toBe(false);
    expect(sim.ledger.events({ since, types: ['token.refreshed'] })).toHaveLength(2);
  });
});

describe('flaw close-deletes-tokens (seed 000)', () => {
  const closeOneWindow = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const a = await TestWindow.open(server);
    const b = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    expect((await b.call('resume', { resume_token: start.resume_token })).isError).toBe(false);
    await a.terminate();
    const c = await TestWindow.open(server);
    return { b, resumed: await c.call('resume', { resume_token: start.resume_token }) };
  };

  it("off: closing one window keeps the user's tokens: the other window works and a new one resumes", async () => {
    const { b, resumed } = await closeOneWindow([]);
    expect((await b.call('get_profile')).body.profile.sub).toBe(sim.user('alice').sub);
    expect(resumed).toMatchObject({ isError: false, body: { status: 'authenticated' } });
  });

  it('on: closing one window logs the user out everywhere and reconnecting needs a new login', async () => {
    const { b, resumed } = await closeOneWindow(['close-deletes-tokens']);
    expect((await b.call('get_profile')).body.error).toBe('not_authenticated');
    expect(resumed).toMatchObject({ isError: true, body: { error: 'invalid_resume_token' } });
  });
});

describe('flaw non-idempotent-logout (seed 001 #15)', () => {
  it('off: a second logout succeeds and says there was nothing left', async () => {
    const server = await serve([]);
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    expect((await w.call('logout')).body).toMatchObject({ logged_out: true, already_logged_out: false });
    expect(await w.call('logout')).toMatchObject({ isError: false, body: { logged_out: true, already_logged_out: true } });
  });

  it('on: the second logout is a not_found error', async () => {
    const server = await serve(['non-idempotent-logout']);
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    expect((await w.call('logout')).isError).toBe(false);
    expect(await w.call('logout')).toMatchObject({ isError: true, body: { error: 'not_found' } });
  });
});

describe('flaw no-revoke-on-logout (seed 001 #7)', () => {
  const logoutAndIntrospect = async (flaws: FlawName[]) => {
    const server = await serve(flaws);
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    const { refreshToken } = await secretsOf(server, sim.user('alice').sub);
    const since = sim.ledger.events().length;
    const answer = await w.call('logout');
    const introspection = await sim.client().introspect(refreshToken!);
    return { answer, active: introspection.body.active, revocations: sim.ledger.events({ since, types: ['token.revoked'] }) };
  };

  it('off: logout revokes the refresh token at the provider', async () => {
    const { answer, active, revocations } = await logoutAndIntrospect([]);
    expect(answer.body).toMatchObject({ logged_out: true, revoked: true });
    expect(revocations).toHaveLength(1);
    expect(active).toBe(false);
  });

  it('on: after logout the refresh token is still alive at the provider', async () => {
    const { answer, active, revocations } = await logoutAndIntrospect(['no-revoke-on-logout']);
    expect(answer.body).toMatchObject({ logged_out: true, revoked: false });
    expect(revocations).toHaveLength(0);
    expect(active).toBe(true);
  });
});
