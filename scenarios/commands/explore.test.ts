import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../testing/run-cli.js';

/** The arguments of a printed replay line (`npx oidc-harness explore ...`), unquoted. */
function argsOf(replay: string): string[] {
  const words = replay.match(/'[^']*'|\S+/g) ?? [];
  return words.slice(2).map((w) => w.replace(/^'(.*)'$/, '$1'));
}

describe('oidc-harness explore', () => {
  it('refuses an unknown workload, a malformed replay path and a flaw with --server-cmd, naming the option', { timeout: 300_000 }, async () => {
    // Three CLI processes, each loading the sources through tsx: on a busy 2-core machine that alone can take a minute.
    const workload = await cli('explore', '--workload', 'nope');
    expect(workload.code).toBe(2);
    expect(workload.stderr).toContain("unknown workload 'nope'; valid: two-windows");
    const replay = await cli('explore', '--replay', 'twelve');
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain('--replay must be a fast-check path');
    const both = await cli('explore', '--flaw', 'unlocked-refresh', '--server-cmd', 'true');
    expect(both.code).toBe(2);
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });

  it('shrinks a violation, prints its steps, story and replay line, writes its report, and the replay line fails the same way', { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-explore-'));
    const found = await cli('explore', '--flaw', 'non-idempotent-logout', '--runs', '30', '--seed', '1', '--shrink-budget', '15', '--report', dir, '--json');
    expect(found.code, found.stderr).toBe(1);
    expect(found.stderr).toMatch(/VIOLATION: shrunk in \d+ attempt\(s\).* to \d+ step\(s\):\n\s+1\. /);
    expect(found.stderr).toMatch(/idempotent-logout: logout in window [AB] failed/);
    const replay = /replay: (npx oidc-harness explore .*--replay [\d:]+)/.exec(found.stderr)?.[1];
    expect(replay).toContain('--flaw non-idempotent-logout');
    expect(replay).toContain('--workload two-windows');
    const json = JSON.parse(found.stdout);
    expect(json.failure.replay).toBe(replay);
    const report = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    expect(report.scenarios[0].replay).toBe(replay);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('idempotent-logout');

    const again = await cli(...argsOf(replay!), '--report', join(dir, 'replay'), '--json');
    expect(again.code, again.stderr).toBe(1);
    const replayed = JSON.parse(again.stdout);
    expect(replayed.explored).toBe(1);
    expect(replayed.failure.steps).toEqual(json.failure.steps);
    expect(replayed.failure.verdicts.map((v: { invariant: string }) => v.invariant)).toEqual(json.failure.verdicts.map((v: { invariant: string }) => v.invariant));
  });

  it("writes a replayed case's report whatever its verdict, with its replay line", { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-explore-'));
    const clean = await cli('explore', '--seed', '3', '--replay', '2', '--report', dir);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain(`wrote ${join(dir, 'results.json')}`);
    const report = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    expect(report.scenarios).toHaveLength(1);
    expect(report.scenarios[0].status).toBe('passed');
    expect(report.scenarios[0].replay).toBe('npx oidc-harness explore --seed 3 --workload two-windows --replay 2');
  });
});
