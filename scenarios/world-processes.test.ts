import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from './result-types.js';
import type { WorldJob } from './runner.js';
import { runCli as cli } from './testing/run-cli.js';
import { WorldProcesses } from './world-processes.js';

// Child processes load the sources through tsx: each start costs seconds of CPU on a busy 2-core machine, so these
// tests start few of them. Nothing here depends on how fast anything runs: verdicts come from histories.

/** What a run says about each world, leaving out what differs between any two runs (times, token hashes). */
const factsOf = (stdout: string) =>
  (JSON.parse(stdout) as { scenarios: ScenarioResult[] }).scenarios.map((s) => ({
    id: s.id,
    seed: s.seed,
    status: s.status,
    replay: s.replay,
    interleaving: s.interleaving,
    verdicts: s.verdicts.map((v) => [v.invariant, v.outcome]),
  }));

/** The console's progress lines without their counter (completion order) and duration. */
const progressOf = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => /^\[\d+\/\d+\] /.test(l))
    .map((l) => l.replace(/^\[\d+\//, '[').replace(/, \d+ ms\)$/, ')'))
    .sort();

describe('worlds spread over child processes', () => {
  it('runs each lane in a child process of its own and gives back the result the child made', { timeout: 300_000 }, async () => {
    const children = new WorldProcesses<WorldJob, ScenarioResult>({ count: 2, argv: ['run', 'double-logout', '--flaw', 'non-idempotent-logout'] });
    try {
      const [a, b] = await Promise.all([children.run(0, { id: 'double-logout', seed: 3 }), children.run(1, { id: 'double-logout', seed: 4 })]);
      expect(children.pids).toHaveLength(2);
      expect(new Set(children.pids).size).toBe(2);
      expect(children.pids).not.toContain(process.pid);
      // Each child resolved the run from the parent's options: the flaw is on, and each world kept its own seed.
      for (const [r, seed] of [[a!, 3], [b!, 4]] as const) {
        expect(r.status).toBe('failed');
        expect(r.seed).toBe(seed);
        expect(r.flaws).toEqual(['non-idempotent-logout']);
        expect(r.verdicts.find((v) => v.outcome === 'violated')?.invariant).toBe('idempotent-logout');
        expect(r.replay).toBe(`npx oidc-harness run double-logout --seed ${seed} --flaw non-idempotent-logout`);
      }
      await expect(children.run(0, { id: 'no-such-scenario', seed: 1 })).rejects.toThrow("no scenario 'no-such-scenario' among this run's");
    } finally {
      await children.close();
    }
  });

  it('rejects with the child’s own words when a child cannot start its worlds', { timeout: 120_000 }, async () => {
    const children = new WorldProcesses<WorldJob, ScenarioResult>({ count: 1, argv: ['list'], stderr: () => undefined });
    try {
      await expect(children.run(0, { id: 'double-logout', seed: 1 })).rejects.toThrow(/world process 1\/1 \(list\) exited with 2: .*world-worker runs the worlds of run or explore, not of 'list'/);
    } finally {
      await children.close();
    }
  });

  it('run: the same seed gives the same verdicts, interleavings, replay lines and progress lines in one process as over two', { timeout: 600_000 }, async () => {
    const args = ['run', 'double-logout', 'logout-then-other-user', 'logout-then-relogin', '--seed', '4', '--flaw', 'non-idempotent-logout', '--concurrency', '2', '--json'];
    const serial = await cli(...args, '--processes', '1');
    const spread = await cli(...args, '--processes', '2');
    expect(serial.code, serial.stderr).toBe(1);
    expect(spread.code, spread.stderr).toBe(1);
    expect(factsOf(serial.stdout).map((f) => f.status)).toContain('failed');
    expect(factsOf(spread.stdout)).toEqual(factsOf(serial.stdout));
    expect(progressOf(spread.stderr)).toEqual(progressOf(serial.stderr));
    expect(progressOf(spread.stderr)).toHaveLength(3);
  });

  it('explore: the same seed draws, runs, finds and shrinks the same case in one process as over two', { timeout: 600_000 }, async () => {
    const args = ['explore', '--flaw', 'global-active-session', '--seed', '1', '--runs', '6', '--shrink-budget', '3', '--concurrency', '2', '--json'];
    const serial = await cli(...args, '--processes', '1');
    const spread = await cli(...args, '--processes', '2');
    expect(serial.code, serial.stderr).toBe(1);
    expect(spread.code, spread.stderr).toBe(1);
    const facts = (stdout: string) => {
      const r = JSON.parse(stdout);
      return { explored: r.explored, coverage: r.coverage, path: r.failure.path, steps: r.failure.steps, replay: r.failure.replay, verdicts: r.failure.verdicts.map((v: { invariant: string; outcome: string }) => [v.invariant, v.outcome]) };
    };
    expect(facts(spread.stdout)).toEqual(facts(serial.stdout));
  });
});
