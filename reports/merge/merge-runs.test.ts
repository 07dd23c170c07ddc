import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../scenarios/result-types.js';
import { failedIsolationScenario, harnessErrorScenario, manyWindowsScenario } from '../testing/sample-run.js';
import { MergeError } from './merge-error.js';
import { mergeRuns } from './merge-runs.js';

function shardRun(index: number, total: number, scenarios: RunResult['scenarios'], extra: Partial<RunResult> = {}): RunResult {
  return { startedAt: `2025-01-01T12:00:0${index}.000Z`, durationMs: 1000 * index, seed: 42, repeat: 1, target: 'reference server', scenarios, shard: { index, total }, ...extra };
}

describe('mergeRuns', () => {
  it('joins the shards of one split in shard order, verdicts untouched, and says what it was made of', () => {
    const [a, b, c] = [failedIsolationScenario(), manyWindowsScenario(3), harnessErrorScenario()];
    const merged = mergeRuns([
      { path: 's2.json', run: shardRun(2, 2, [c]) },
      { path: 's1.json', run: shardRun(1, 2, [a, b]) },
    ]);
    expect(merged.scenarios).toEqual([a, b, c]);
    expect(merged.merged).toEqual({ files: 2, shards: [{ index: 1, total: 2 }, { index: 2, total: 2 }] });
    expect(merged.shard).toBeUndefined();
    expect(merged).toMatchObject({ seed: 42, repeat: 1, target: 'reference server', startedAt: '2025-01-01T12:00:01.000Z', durationMs: 2000 });
  });

  it('refuses a split with a shard missing, naming it: its scenarios would pass unseen', () => {
    const run = () => mergeRuns([{ path: 's1.json', run: shardRun(1, 3, []) }, { path: 's3.json', run: shardRun(3, 3, []) }]);
    expect(run).toThrow(MergeError);
    expect(run).toThrow('shard 2/3 missing');
  });

  it('refuses the same shard twice, shards of different splits, and a whole run mixed with shards', () => {
    expect(() => mergeRuns([{ path: 'a.json', run: shardRun(1, 2, []) }, { path: 'b.json', run: shardRun(1, 2, []) }])).toThrow('b.json and a.json are both shard 1/2');
    expect(() => mergeRuns([{ path: 'a.json', run: shardRun(1, 2, []) }, { path: 'b.json', run: shardRun(2, 3, []) }])).toThrow('not one split');
    expect(() => mergeRuns([{ path: 'a.json', run: shardRun(1, 1, []) }, { path: 'whole.json', run: { ...shardRun(1, 1, []), shard: undefined } }])).toThrow('whole.json is a whole run');
  });

  it('refuses runs of another seed, repetition count or target, naming both files', () => {
    const other = (extra: Partial<RunResult>) => () => mergeRuns([{ path: 'a.json', run: shardRun(1, 2, []) }, { path: 'b.json', run: shardRun(2, 2, [], extra) }]);
    expect(other({ seed: 7 })).toThrow('b.json was run with seed 7, a.json with 42');
    expect(other({ repeat: 3 })).toThrow('repeat 3');
    expect(other({ target: 'external server: x' })).toThrow('target "external server: x"');
  });

  it('refuses two files holding the same scenario run (overlapping runs), but takes the same scenario with other seeds', () => {
    const s = failedIsolationScenario();
    const whole = (scenarios: RunResult['scenarios']) => ({ ...shardRun(1, 1, scenarios), shard: undefined });
    expect(() => mergeRuns([{ path: 'a.json', run: whole([s]) }, { path: 'b.json', run: whole([s]) }])).toThrow(`both hold ${s.id} seed 42 flaw global-active-session`);
    expect(mergeRuns([{ path: 'a.json', run: whole([s]) }, { path: 'b.json', run: whole([{ ...s, seed: 43 }]) }]).scenarios).toHaveLength(2);
  });

  it('refuses a flaw matrix and an empty list', () => {
    const matrix = { flaws: [], scenarios: [], cells: {}, falseAlarms: [] };
    expect(() => mergeRuns([{ path: 'm.json', run: shardRun(1, 1, [], { matrix }) }])).toThrow("only the results of 'run'");
    expect(() => mergeRuns([])).toThrow('nothing to merge');
  });

  it('joins the shards’ baseline comparisons when every shard used the same baseline, and refuses a mix', () => {
    const key = { scenario: 'x', invariant: 'isolation', flaw: '', target: 'reference server' };
    const b1 = { source: 'base.json', known: [key], new: [], fixed: [] };
    const b2 = { source: 'base.json', known: [], new: [{ ...key, scenario: 'y' }], fixed: [{ scenario: 'z' }] };
    const merged = mergeRuns([{ path: 'a.json', run: shardRun(1, 2, [], { baseline: b1 }) }, { path: 'b.json', run: shardRun(2, 2, [], { baseline: b2 }) }]);
    expect(merged.baseline).toEqual({ source: 'base.json', known: [key], new: [{ ...key, scenario: 'y' }], fixed: [{ scenario: 'z' }] });
    expect(() => mergeRuns([{ path: 'a.json', run: shardRun(1, 2, [], { baseline: b1 }) }, { path: 'b.json', run: shardRun(2, 2, []) }])).toThrow('b.json was not compared with a baseline');
  });
});
