import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin.js', import.meta.url).pathname;

async function cli(...args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

describe('oidc-harness run', () => {
  it('exits 0 when every invariant held and writes the reports asked for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-run-'));
    const { code, stderr } = await cli('run', 'double-logout', '--report', dir);
    expect(code).toBe(0);
    expect(stderr).toContain('pass double-logout (seed 1');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('double-logout');
    expect(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')).scenarios[0].status).toBe('passed');
  });

  it('exits 1 on a caught flaw and prints the invariant, the witness and the replay command', async () => {
    const { code, stderr, stdout } = await cli('run', 'double-logout', '--seed', '9', '--flaw', 'non-idempotent-logout', '--json');
    expect(code).toBe(1);
    expect(stderr).toMatch(/idempotent-logout: logout in window A failed: not_found \(witness events \d+, \d+\)/);
    expect(stderr).toContain('replay: npx oidc-harness run double-logout --seed 9 --flaw non-idempotent-logout');
    expect(JSON.parse(stdout).scenarios[0].verdicts.some((v: { holds: boolean }) => !v.holds)).toBe(true);
  });

  it.each([
    [['run', 'no-such-scenario'], /unknown scenario 'no-such-scenario'; known: dual-windows-same-user/],
    [['run', '--bogus'], /Unknown option '--bogus'/],
    [['run', '--flaw', 'nope'], /unknown flaw 'nope'; valid: global-active-session/],
    [['run', '--repeat', '0'], /--repeat must be an integer >= 1/],
    [['run', '--profile', 'okta:abc'], /--profile okta:abc: profile.windowSeconds/],
    [['matrix', '--flaw', 'nope'], /unknown flaw 'nope'/],
    [['bogus'], /unknown command 'bogus'/],
  ])('answers %j with exit 2 and a clear message, no stack', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
