import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { createOidcSim, type OidcSim } from '../oidc-sim/index.js';
import { createMemoryStore, type McpSessionServer } from './index.js';
import { startTestServer } from './testing/test-server.js';
import { loginAs, TestWindow } from './testing/test-window.js';

let sim: OidcSim;
const servers: McpSessionServer[] = [];
const serve = async (overrides: Parameters<typeof startTestServer>[1] = {}) => {
  const server = await startTestServer(sim, overrides);
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

/** A data call on `sessionId` over plain HTTP: what any client holding that id can send. */
const callOn = (server: McpSessionServer, sessionId: string) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
  });

describe('a reset server, reused as new on the same address', () => {
  it('knows no session, login, resume token or event from before the reset, and serves new ones', async () => {
    const server = await serve();
    const a = await TestWindow.open(server);
    const { start } = await loginAs(server, sim, a, 'alice');
    expect((await callOn(server, a.sessionId)).status).toBe(200);
    const url = server.url;

    await server.reset();

    expect(server.url).toBe(url);
    expect(server.events.list()).toEqual([]);
    expect(await server.store.listSessions()).toEqual([]);
    expect(await server.store.listUsers()).toEqual([]);
    const b = await TestWindow.open(server);
    expect(server.events.list()[0]).toMatchObject({ seq: 0, type: 'session.opened' });
    expect((await callOn(server, a.sessionId)).status).toBe(404);
    const resumed = await b.call('resume', { resume_token: start.resume_token });
    expect(resumed).toMatchObject({ isError: true });
    expect((await b.call('whoami')).body).toMatchObject({ error: 'not_authenticated' });
    await loginAs(server, sim, b, 'bob');
    expect((await b.call('whoami')).body.user).toMatchObject({ preferred_username: 'bob' });
  });

  it('lets go of a hold armed before the reset and arms none after it; heartbeat cycles count from 1 again', async () => {
    const server = await serve();
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    expect((await server.heartbeat.runOnce()).cycle).toBe(1);
    const stale = server.pauses.hold('activation');
    let reached = false;
    void stale.reached.then(() => (reached = true));

    await server.reset();

    // Were the hold still armed, this login would stand still at activation and never end.
    const fresh = await TestWindow.open(server);
    const { ended } = await loginAs(server, sim, fresh, 'alice');
    expect(ended.type).toBe('session.activated');
    expect(reached).toBe(false);
    expect((await server.heartbeat.runOnce()).cycle).toBe(1);
  });

  it('keeps its flaws switched on: global-active-session still hands every window the last login', async () => {
    const server = await serve({ flaws: ['global-active-session'] });
    const a = await TestWindow.open(server);
    await loginAs(server, sim, a, 'alice');
    await server.reset();
    const b = await TestWindow.open(server);
    const c = await TestWindow.open(server);
    await loginAs(server, sim, b, 'bob');
    expect((await c.call('get_profile')).body.profile.sub).toBe(sim.user('bob').sub);
  });

  it("refuses to reset a server whose store is the caller's, and keeps serving", async () => {
    const server = await serve({ store: createMemoryStore() });
    await expect(server.reset()).rejects.toThrow(/own in-memory store/);
    const w = await TestWindow.open(server);
    expect((await w.call('session_status')).body.status).toBe('anonymous');
  });

  it('asks the provider for its discovery document and keys once, not again after a reset, and still refuses an id_token signed with a key it does not publish', async () => {
    const asked: string[] = [];
    const count = (message: unknown) => {
      const url = (message as { request: IncomingMessage }).request.url ?? '';
      if (/\/\.well-known\/openid-configuration|\/jwks/.test(url)) asked.push(url.includes('jwks') ? 'jwks' : 'discovery');
    };
    dc.subscribe('http.server.request.start', count);
    try {
      const server = await serve();
      const a = await TestWindow.open(server);
      expect((await loginAs(server, sim, a, 'alice')).ended.type).toBe('session.activated');
      expect(asked.sort()).toEqual(['discovery', 'jwks']);

      await server.reset();

      const b = await TestWindow.open(server);
      expect((await loginAs(server, sim, b, 'bob')).ended.type).toBe('session.activated');
      expect((await b.call('whoami')).body.user).toMatchObject({ preferred_username: 'bob' });
      expect(asked).toHaveLength(2);
      const tampered = sim.tamper({ kind: 'unknown-key', user: 'alice', times: 1 });
      const c = await TestWindow.open(server);
      expect((await loginAs(server, sim, c, 'alice')).ended.type).toBe('login.failed');
      await tampered.remove();
    } finally {
      dc.unsubscribe('http.server.request.start', count);
    }
  });
});
