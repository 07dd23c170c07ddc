import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from './history.js';
import { isolation } from './invariants/isolation.js';
import { Window } from './window.js';

/**
 * A server that does the work of one tool call and then drops its answer (the socket closes before any byte), as a
 * reset under load does: the window cannot know the call succeeded. Every session logs in alice.
 */
async function serverDropping(tool: string, { refuseResume = false } = {}): Promise<{ url: string; server: Server }> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const json = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }] });
  const newSession = () => {
    const state = { user: undefined as string | undefined };
    const mcp = new McpServer({ name: 'drops-answers', version: '1.0.0' });
    mcp.registerTool('login', {}, () => json({ user_code: 'CODE-1', resume_token: 'resume-1' }));
    mcp.registerTool('session_status', {}, () => ((state.user = 'alice'), json({ status: 'authenticated' })));
    mcp.registerTool('resume', {}, () =>
      refuseResume ? { isError: true, content: [{ type: 'text' as const, text: JSON.stringify({ error: 'invalid_resume_token' }) }] } : ((state.user = 'alice'), json({ status: 'authenticated' })),
    );
    mcp.registerTool('get_profile', {}, () => json(state.user ? { username: state.user } : { error: 'not_authenticated' }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, enableJsonResponse: true, onsessioninitialized: (id) => void transports.set(id, transport) });
    void mcp.connect(transport);
    return transport;
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as { method?: string; params?: { name?: string } }) : undefined;
  };
  const server = createServer(async (req, res) => {
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const id = req.headers['mcp-session-id'] as string | undefined;
    const transport = id ? transports.get(id) : newSession();
    if (!transport) return void res.writeHead(404).end();
    const dropping = body?.method === 'tools/call' && body.params?.name === tool;
    if (dropping) {
      // The work happens; the answer never leaves.
      res.write = () => true;
      res.end = (() => (req.socket.destroy(), res)) as typeof res.end;
    }
    await transport.handleRequest(req, res, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/mcp`, server };
}

let running: Server | undefined;
afterEach(async () => {
  running?.closeAllConnections();
  running?.close();
  running = undefined;
});

describe('a window whose answer was lost', () => {
  it('judges later answers against the user its login approved, when the login status answer was lost', async () => {
    const { url, server } = await serverDropping('session_status');
    running = server;
    const history = new History();
    const w = new Window('A', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    const login = await w.login();
    expect(login).toMatchObject({ ok: false, error: 'transport_error' });
    // The server did log alice in: her data in this window is hers, not another user's.
    expect(await w.getProfile()).toMatchObject({ ok: true, dataUser: 'alice' });
    expect(isolation.check(history.events).outcome).toBe('held');
    await w.close();
  });

  it('judges later answers against the resumed user, when the resume answer was lost', async () => {
    const { url, server } = await serverDropping('resume');
    running = server;
    const history = new History();
    const w = new Window('B', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    expect(await w.login()).toMatchObject({ ok: true });
    await w.disconnect();
    expect(await w.resume()).toMatchObject({ ok: false, error: 'transport_error' });
    expect(await w.getProfile()).toMatchObject({ ok: true, dataUser: 'alice' });
    expect(isolation.check(history.events).outcome).toBe('held');
    await w.close();
  });
});

describe('a window closed twice at once', () => {
  // Found by explore (wide, seed 26): a held window closed by a step while its login reopened it; the second close
  // read the transport the first had just cleared, and the process died.
  it('closes once: both closes resolve and one disconnect is recorded', async () => {
    const { url, server } = await serverDropping('none');
    running = server;
    const history = new History();
    const w = new Window('C', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    expect(await w.login()).toMatchObject({ ok: true });
    await Promise.all([w.disconnect(), w.disconnect()]);
    expect(history.events.filter((e) => e.type === 'disconnect')).toHaveLength(1);
    expect(await w.getProfile()).toMatchObject({ ok: true });
    await w.close();
  });
});

describe('a call made while its window is closing', () => {
  it('goes to the window opened anew once the close finished, not to the session being closed', async () => {
    const { url, server } = await serverDropping('none');
    running = server;
    const history = new History();
    const w = new Window('D', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    expect(await w.login()).toMatchObject({ ok: true });
    const old = w.sessionId;
    const closing = w.disconnect();
    const profile = await w.getProfile();
    await closing;
    expect(profile.ok).toBe(true);
    expect(w.sessionId).not.toBe(old);
    const result = history.events.findLast((e) => e.type === 'result' && e.detail?.tool === 'get_profile');
    const disconnect = history.events.find((e) => e.type === 'disconnect');
    expect(result!.seq).toBeGreaterThan(disconnect!.seq);
    expect(result!.sessionId).toBeDefined();
    expect(result!.sessionId).not.toBe(disconnect!.sessionId);
    await w.close();
  });
});

describe('a refused resume', () => {
  it('leaves the window with the user its session had: a session still logged in stays so', async () => {
    const { url, server } = await serverDropping('none', { refuseResume: true });
    running = server;
    const history = new History();
    const w = new Window('E', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    expect(await w.login()).toMatchObject({ ok: true });
    expect(await w.resume({ expect: 'error' })).toMatchObject({ ok: false });
    expect(w.user).toBe('alice');
    expect(await w.getProfile()).toMatchObject({ ok: true, dataUser: 'alice' });
    expect(isolation.check(history.events).outcome).toBe('held');
    await w.disconnect();
    expect(await w.resume({ expect: 'error' })).toMatchObject({ ok: false });
    expect(w.user).toBeUndefined();
    await w.close();
  });
});
