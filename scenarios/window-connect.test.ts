import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { History } from './history.js';
import { Window } from './window.js';

async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}/mcp`;
}

describe('a window whose server cannot be reached', () => {
  it('gets a failed login that names the window, the operation, the URL and the cause, and records it', async () => {
    const url = await closedPortUrl();
    const history = new History();
    const w = new Window('A', 'alice', { history, serverUrl: () => url, approveDevice: async () => undefined });
    const outcome = await w.login();
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe('connect_failed');
    expect(outcome.message).toContain(`window A: connect ${url} failed`);
    expect(outcome.message).toMatch(/ECONNREFUSED/);
    expect(history.events.map((e) => [e.type, e.detail?.tool])).toEqual([
      ['call', 'login'],
      ['result', 'login'],
    ]);
  });

  it('gets a failed resume the same way', async () => {
    const url = await closedPortUrl();
    const w = new Window('B', 'bob', { history: new History(), serverUrl: () => url, approveDevice: async () => undefined });
    // expect 'error': a window that holds no credential still tries (a hostile one); with 'ok' it would blame the
    // login it borrows from before connecting.
    const outcome = await w.resume({ expect: 'error' });
    expect(outcome).toMatchObject({ ok: false, error: 'connect_failed' });
  });

  it('throws a harness error, not an outcome, when the fault is the harness own (a malformed URL)', async () => {
    const w = new Window('C', 'carol', { history: new History(), serverUrl: () => 'not a url', approveDevice: async () => undefined });
    await expect(w.login()).rejects.toThrow(/Invalid URL/);
  });
});
