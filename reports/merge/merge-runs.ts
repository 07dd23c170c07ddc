import type { BaselineComparison, RunResult, ScenarioResult } from '../../scenarios/result-types.js';
import { MergeError } from './merge-error.js';

export interface NamedRun {
  /** The file it was read from, named in every error. */
  path: string;
  run: RunResult;
}

/**
 * One run from the results of several shards (`run --shard i/n`) or of separate runs of the same world: the
 * scenarios of all of them, in shard order. Refuses rather than guesses: runs with another seed, repetition count or
 * target, a shard missing or given twice, and a scenario run (same id, seed and flaws) that two files both hold.
 * Verdicts are copied as they are, never recomputed.
 */
export function mergeRuns(inputs: NamedRun[]): RunResult {
  if (inputs.length === 0) throw new MergeError('nothing to merge: give at least one results file');
  const ordered = [...inputs].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
  const first = ordered[0]!;
  for (const { path, run } of ordered) {
    if (run.matrix) throw new MergeError(`${path} holds a flaw matrix; only the results of 'run' (or 'start') can be merged`);
    for (const field of ['seed', 'repeat', 'target'] as const) {
      if (run[field] !== first.run[field]) throw new MergeError(`${path} was run with ${field} ${JSON.stringify(run[field])}, ${first.path} with ${JSON.stringify(first.run[field])}: not parts of one run`);
    }
  }
  checkShards(ordered);
  const scenarios = scenariosOnce(ordered);
  const startedAt = ordered.map((i) => i.run.startedAt).sort()[0]!;
  const shards = ordered.flatMap((i) => (i.run.shard ? [i.run.shard] : []));
  const baseline = mergedBaseline(ordered);
  return {
    startedAt,
    // Shards run side by side: the merged run took as long as its longest part.
    durationMs: Math.max(...ordered.map((i) => i.run.durationMs)),
    seed: first.run.seed,
    repeat: first.run.repeat,
    target: first.run.target,
    scenarios,
    ...(first.run.machine ? { machine: first.run.machine } : {}),
    merged: { files: ordered.length, shards },
    ...(baseline ? { baseline } : {}),
  };
}

/** Shards of one split: the same total, each index once, none missing (a missing one would pass unseen). */
function checkShards(inputs: NamedRun[]): void {
  const sharded = inputs.filter((i) => i.run.shard);
  if (sharded.length === 0) return;
  const total = sharded[0]!.run.shard!.total;
  const seen = new Map<number, string>();
  for (const { path, run } of inputs) {
    if (!run.shard) throw new MergeError(`${path} is a whole run, the others are shards of ${total}: merge shards of one split only`);
    if (run.shard.total !== total) throw new MergeError(`${path} is shard ${run.shard.index}/${run.shard.total}, ${sharded[0]!.path} is shard ${sharded[0]!.run.shard!.index}/${total}: not one split`);
    const other = seen.get(run.shard.index);
    if (other) throw new MergeError(`${path} and ${other} are both shard ${run.shard.index}/${total}`);
    seen.set(run.shard.index, path);
  }
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length) throw new MergeError(`shard ${missing.map((k) => `${k}/${total}`).join(', ')} missing: merge every shard of the split, or its verdicts are not the run's`);
}

function scenariosOnce(inputs: NamedRun[]): ScenarioResult[] {
  const owner = new Map<string, string>();
  const out: ScenarioResult[] = [];
  for (const { path, run } of inputs) {
    for (const s of run.scenarios) {
      const key = `${s.id} seed ${s.seed}${s.flaws.length ? ` flaw ${[...s.flaws].sort().join('+')}` : ''}`;
      const other = owner.get(key);
      if (other) throw new MergeError(`${path} and ${other} both hold ${key}: overlapping runs`);
      owner.set(key, path);
      out.push(s);
    }
  }
  return out;
}

/** Each shard compared its own scenarios with one baseline; together they are the whole run's comparison. */
function mergedBaseline(inputs: NamedRun[]): BaselineComparison | undefined {
  const compared = inputs.filter((i) => i.run.baseline);
  if (compared.length === 0) return undefined;
  const source = compared[0]!.run.baseline!.source;
  for (const { path, run } of inputs) {
    if (run.baseline?.source !== source) throw new MergeError(`${path} was ${run.baseline ? `compared with ${run.baseline.source}` : 'not compared with a baseline'}, ${compared[0]!.path} with ${source}: run every part with the same --baseline`);
  }
  const all = compared.map((i) => i.run.baseline!);
  return { source, known: all.flatMap((b) => b.known), new: all.flatMap((b) => b.new), fixed: all.flatMap((b) => b.fixed) };
}
