import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../oidc-sim/index.js';
import { flawNames, parseServeArgs, runServeCommand, serveUsage } from './index.js';
import { TestWindow } from './testing/test-window.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1 });
});
afterAll(() => sim?.close());

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}
const required = () => ['--issuer', sim.issuer, '--client-id', sim.clients.confidential.clientId, '--client-secret', sim.clients.confidential.clientSecret!, '--resource-url', sim.resourceUrl];

describe('oidc-harness serve', () => {
  it.each([
    [['--issuer', 'http://127.0.0.1:1'], /--client-id: is required/],
    [['--bogus'], /Unknown option '--bogus'/],
    [[...['--issuer', 'not a url', '--client-id', 'c', '--resource-url', 'http://x']], /issuer: /],
    [['--issuer', 'http://a', '--client-id', 'c', '--resource-url', 'http://b', '--flaw', 'nope'], /unknown flaw 'nope'; valid: global-active-session/],
    [['--issuer', 'http://a', '--client-id', 'c', '--resource-url', 'http://b', '--heartbeat-interval', '25'], /latency margin \(seed 001 #5\)/],
    [['--issuer', 'http://a', '--client-id', 'c', '--resource-url', 'http://b', '--port', 'abc'], /--port: expected a number/],
  ])('exits 2 with a clear message and no stack for %j', async (argv, message) => {
    const { out, io } = capture();
    expect(await runServeCommand(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when the port is taken', async () => {
    const { out, io } = capture();
    const stop = new AbortController();
    let listening!: (url: string) => void;
    const first = new Promise<string>((resolve) => (listening = resolve));
    const running = runServeCommand([...required(), '--quiet'], { ...capture().io, signal: stop.signal, onListening: listening });
    const port = new URL(await first).port;
    expect(await runServeCommand([...required(), '--port', port], io)).toBe(2);
    expect(out.stderr).toMatch(/already in use/);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('lists the flaws with their seeds', async () => {
    const { out, io } = capture();
    expect(await runServeCommand(['--list-flaws'], io)).toBe(0);
    for (const name of flawNames) expect(out.stdout).toContain(name);
    expect(out.stdout).toMatch(/unlocked-refresh\s+seed 001 #1/);
  });

  it('parses repeated --flaw and scales nothing it was not asked to', () => {
    const options = parseServeArgs([...required(), '--flaw', 'unlocked-refresh', '--flaw', 'tight-heartbeat', '--port', '0', '--no-heartbeat']);
    expect(options).toMatchObject({ flaws: ['unlocked-refresh', 'tight-heartbeat'], port: 0, timeScale: 1, heartbeat: { timer: false } });
  });

  it('takes --max-sessions as sessions.maxSessions and says its default in the usage', () => {
    expect(parseServeArgs([...required(), '--max-sessions', '50'])).toMatchObject({ sessions: { maxSessions: 50 } });
    expect(serveUsage).toMatch(/--max-sessions N .*default 1000/);
  });

  it('serves on 127.0.0.1 until stopped, then exits 0', async () => {
    const { out, io } = capture();
    const stop = new AbortController();
    let listening!: (url: string) => void;
    const urlOnceListening = new Promise<string>((resolve) => (listening = resolve));
    const exit = runServeCommand([...required(), '--flaw', 'unlocked-refresh', '--quiet'], { ...io, signal: stop.signal, onListening: listening });
    const url = await urlOnceListening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(out.stdout).toContain('with flaws unlocked-refresh');
    const w = await TestWindow.open({ url });
    expect((await w.call('session_status')).body.status).toBe('anonymous');
    await w.terminate();
    stop.abort();
    expect(await exit).toBe(0);
  });
});

describe('serve given only the required options', () => {
  it('resolves every other option to the documented defaults, as if the library were called without them', async () => {
    const { resolveOptions } = await import('./options.js');
    const { serverDefaults } = await import('./defaults.js');
    const required = { issuer: 'http://127.0.0.1:1', clientId: 'c', resourceUrl: 'http://127.0.0.1:1/me' };
    const { quiet: _q, ...parsed } = parseServeArgs(['--issuer', required.issuer, '--client-id', required.clientId, '--resource-url', required.resourceUrl]);
    const config = resolveOptions(parsed);
    expect(config).toEqual(resolveOptions(required));
    const scale = 1000 * serverDefaults.timeScale;
    expect(config.heartbeat).toEqual({
      timer: serverDefaults.heartbeat.timer,
      intervalMs: serverDefaults.heartbeat.intervalSeconds * scale,
      refreshTokenLifetimeMs: serverDefaults.heartbeat.refreshTokenLifetimeSeconds * scale,
      latencyMarginMs: serverDefaults.heartbeat.latencyMarginSeconds * scale,
      failureBudget: serverDefaults.heartbeat.failureBudget,
      retryBackoffMs: serverDefaults.heartbeat.retryBackoffSeconds * scale,
      concurrency: serverDefaults.heartbeat.concurrency,
    });
    expect(config.port).toBe(serverDefaults.port);
    expect(config.scope).toBe(serverDefaults.scope);
  });

  it('treats an option passed as undefined as absent', async () => {
    const { resolveOptions } = await import('./options.js');
    const required = { issuer: 'http://127.0.0.1:1', clientId: 'c', resourceUrl: 'http://127.0.0.1:1/me' };
    const withUndefined = resolveOptions({ ...required, port: undefined, heartbeat: { intervalSeconds: undefined, failureBudget: undefined }, sessions: { idleTimeoutSeconds: undefined } });
    expect(withUndefined).toEqual(resolveOptions(required));
  });
});
