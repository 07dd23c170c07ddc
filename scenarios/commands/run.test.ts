import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../testing/run-cli.js';
import { escapeXml } from '../../reports/junit/escape-xml.js';


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

  it('tells the witness story on the console, the same story results.json and junit.xml carry', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-story-'));
    const { code, stderr } = await cli('run', 'double-logout', '--seed', '9', '--flaw', 'non-idempotent-logout', '--report', dir);
    expect(code).toBe(1);
    const verdict = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')).scenarios[0].verdicts.find((v: { holds: boolean }) => !v.holds);
    expect(verdict.story.length).toBeGreaterThan(0);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    verdict.story.forEach((step: { text: string }, i: number) => {
      expect(stderr).toContain(`      ${i + 1}. ${step.text}`);
      expect(junit).toContain(`  ${i + 1}. ${escapeXml(step.text)}`);
    });
    expect(stderr).toMatch(/ {6}1\. at [\d.]+ m?s, window A (\(\w+\) )?called logout in session s:\S+\./);
  });

  it('with --baseline: a known failure passes the run, a new one fails it, a fixed one is reported', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-baseline-'));
    const baseline = async (knownFailures: object[]) => {
      const path = join(dir, `baseline-${knownFailures.length}-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(path, JSON.stringify({ baselineVersion: 1, knownFailures }));
      return path;
    };
    const flawed = ['run', 'double-logout', '--seed', '9', '--flaw', 'non-idempotent-logout'];
    const known = await cli(...flawed, '--baseline', await baseline([{ scenario: 'double-logout', invariant: 'idempotent-logout', flaw: 'non-idempotent-logout', reason: 'vendor bug 12' }]), '--report', dir);
    expect(known.code).toBe(0);
    expect(known.stderr).toContain('known double-logout (seed 9');
    expect(known.stderr).toContain('baseline ');
    expect(known.stderr).toContain(': 0 new, 1 known, 0 fixed');
    expect(known.stderr).toContain('  known  double-logout › idempotent-logout (flaw non-idempotent-logout) — vendor bug 12');
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toMatch(/failures="0" errors="0" skipped="1"/);
    expect(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')).baseline.known).toHaveLength(1);

    const fresh = await cli(...flawed, '--baseline', await baseline([{ scenario: 'double-logout', flaw: '' }]));
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain('  new    double-logout › idempotent-logout (flaw non-idempotent-logout)');

    const fixed = await cli('run', 'double-logout', '--seed', '9', '--baseline', await baseline([{ scenario: 'double-logout', invariant: 'idempotent-logout' }]));
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('  fixed  double-logout › idempotent-logout — passes now; remove it from the baseline');
  });

  it('answers a bad baseline file with exit 2, naming the field, before any world starts', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'harness-baseline-')), 'baseline.json');
    await writeFile(path, JSON.stringify({ baselineVersion: 1, knownFailures: [{ scenaro: 'double-logout' }] }));
    const { code, stderr } = await cli('run', 'double-logout', '--baseline', path);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not a usable baseline:\n {2}- knownFailures\[0\]/);
    expect(stderr).not.toContain('running 1 scenario');
    expect(stderr).not.toMatch(/\n\s+at /);
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
