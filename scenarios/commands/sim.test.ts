import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { simCommand } from './sim.js';

const bin = new URL('../bin.js', import.meta.url).pathname;

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return { child, stderr: () => stderr };
}

describe('oidc-harness sim', () => {
  it('prints one JSON line with what a caller needs and serves the control API with its token', async () => {
    const { child } = run(['sim', '--users', 'alice,bob', '--user-count', '0']);
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const info = JSON.parse(line);
    try {
      expect(info.users.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob']);
      expect(info.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const login = await fetch(`${info.controlUrl}/login`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.controlToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'alice' }),
      });
      const tokens = await login.json();
      const profile = await fetch(info.resourceUrl, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect((await profile.json()).username).toBe('alice');
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  });

  it('says clearly that a busy port is busy and exits 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const { child, stderr } = run(['sim', '--port', String(port)]);
    const [code] = await once(child, 'exit');
    blocker.close();
    expect(code).toBe(2);
    expect(stderr()).toContain(`127.0.0.1:${port}: the port is already in use`);
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('says which extra client, config file or registration mode is wrong (a usage error: exit 2)', async () => {
    const cases: Array<[string[], string]> = [
      [['--client', '{clientId:'], '--client (#1) must be JSON'],
      [['--client', '[]'], '--client (#1) must be a JSON object'],
      [['--client', '{"clientId":"x","redirectUris":["ftp://127.0.0.1/cb"]}'], 'extraClients.0.redirectUris.0: must be an http(s) URL'],
      [['--config', '/nonexistent/sim.json'], '--config /nonexistent/sim.json: cannot read it (ENOENT)'],
      [['--registration', 'sometimes'], 'registration:'],
    ];
    for (const [args, message] of cases) {
      const failed = await simCommand(args).then(() => undefined, (err: unknown) => err);
      expect(failed, args.join(' ')).toBeInstanceOf(UsageError);
      expect((failed as Error).message).toContain(message);
    }
  });

  it('rejects a bad option with exit 2 and no stack', async () => {
    const { child, stderr } = run(['sim', '--time-scale', 'fast']);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr()).toContain('--time-scale must be a positive number');
  });
});
