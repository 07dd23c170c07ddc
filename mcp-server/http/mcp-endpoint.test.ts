import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch, request } from 'undici';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import { serverDefaults, type McpSessionServer } from '../index.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
let server: McpSessionServer;

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200 } });
  server = await startTestServer(sim);
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body });
const rpc = (method: string, params: Record<string, unknown>, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('the MCP endpoint over HTTP', () => {
  it('answers malformed JSON with a parse error and keeps serving other sessions', async () => {
    const w = await TestWindow.open(server);
    const res = await post('{"jsonrpc": "2.0", "method": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: -32700, message: expect.stringMatching(/^Parse error/) } });
    expect((await w.call('session_status')).isError).toBe(false);
  });

  it('answers an unknown session id with 404 so the client starts a new session', async () => {
    const res = await post(rpc('tools/list', {}), { 'mcp-session-id': 'not-a-session' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: -32001, message: expect.stringContaining('Session not found') } });
  });

  it('refuses a non-initialize request without a session', async () => {
    const res = await post(rpc('tools/list', {}));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('initialize') } });
  });

  it('answers tool arguments of the wrong shape with a clear error', async () => {
    const w = await TestWindow.open(server);
    const result = await w.client.callTool({ name: 'resume', arguments: { resume_token: 42 } }).catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }));
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/resume_token/);
    expect((await w.call('session_status')).isError).toBe(false);
  });

  it('refuses a foreign Host or Origin (DNS rebinding) and accepts the loopback names', async () => {
    const init = rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } });
    // fetch will not send a chosen Host header; a raw request does, like a rebinding browser would.
    const rebound = await request(server.url, { method: 'POST', headers: { host: `evil.example:${server.port}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: init });
    expect(rebound.statusCode).toBe(403);
    expect(await rebound.body.json()).toMatchObject({ error: { message: expect.stringContaining('evil.example') } });
    expect((await post(init, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(init, { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await post(init, { origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('marks every answer no-store, errors included', async () => {
    const init = rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } });
    const ok = await post(init);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const refused = await post('nope');
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('marks tool answers carrying user data no-store', async () => {
    const w = await TestWindow.open(server);
    await loginAs(server, sim, w, 'alice');
    const res = await post(rpc('tools/call', { name: 'get_profile', arguments: {} }, 7), { 'mcp-session-id': w.sessionId, 'mcp-protocol-version': '2025-06-18' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(await res.json())).toContain(sim.user('alice').sub);
  });

  it('answers other paths 404 and other methods 405', async () => {
    expect((await fetch(server.url.replace('/mcp', '/other'))).status).toBe(404);
    expect((await fetch(server.url, { method: 'PUT' })).status).toBe(405);
  });

  it('offers no GET stream: a GET on a live session is answered 405 at once, and the SDK client carries on without one', async () => {
    const errors: Error[] = [];
    const w = await TestWindow.open(server);
    w.client.onerror = (err) => errors.push(err);
    const res = await fetch(server.url, { headers: { accept: 'text/event-stream', 'mcp-session-id': w.sessionId, 'mcp-protocol-version': '2025-06-18' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, DELETE');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('no GET stream') } });
    expect((await w.call('session_status')).isError).toBe(false);
    expect(errors).toEqual([]);
  });

  it('hands out session ids from a CSPRNG: 192 bits, base64url, never repeated', async () => {
    const windows = await Promise.all(Array.from({ length: 8 }, () => TestWindow.open(server)));
    const ids = windows.map((w) => w.sessionId);
    for (const id of ids) expect(id).toMatch(/^[\w-]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('an unreachable provider', () => {
  it('gives a clear provider_unavailable answer and the server keeps serving', async () => {
    const dead = await startTestServer({ ...sim, issuer: 'http://127.0.0.1:9', resourceUrl: 'http://127.0.0.1:9/api', approveDevice: sim.approveDevice }, { requestTimeoutSeconds: 30 });
    try {
      const w = await TestWindow.open(dead);
      const answer = await w.call('login');
      expect(answer).toMatchObject({ isError: true, body: { error: 'provider_unavailable', message: expect.stringMatching(/ECONNREFUSED|unavailable/) } });
      expect((await w.call('session_status')).body.status).toBe('anonymous');
    } finally {
      await dead.close();
    }
  });
});

describe('a limit on sessions', () => {
  it('answers an initialize beyond sessions.maxSessions 503 with Retry-After, and admits again once a session is gone', async () => {
    const limited = await startTestServer(sim, { sessions: { maxSessions: 2, reapIntervalSeconds: 30 } });
    try {
      const [a, b] = [await TestWindow.open(limited), await TestWindow.open(limited)];
      const init = rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } });
      const refused = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: init });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(refused.headers.get('mcp-session-id')).toBeNull();
      expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('maximum of 2 sessions') } });
      expect(await limited.store.counts()).toMatchObject({ sessions: 2 });
      expect((await b.call('session_status')).isError).toBe(false);
      await a.terminate();
      const c = await TestWindow.open(limited);
      expect((await c.call('session_status')).isError).toBe(false);
    } finally {
      await limited.close();
    }
  });

  it('has a documented default', () => {
    expect(serverDefaults.sessions.maxSessions).toBe(1000);
  });
});
