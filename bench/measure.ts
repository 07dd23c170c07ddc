/** Median, min and max of a figure over rounds; the raw samples are kept for results.json. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('bench: summarize() needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

export interface Paired {
  project: Summary;
  baseline: Summary;
  /** project / baseline within each round, so drift of a shared machine cancels out round by round. */
  ratio: Summary;
}

/** Runs a load for at most `maxMs` and says how much it got done. */
export type Measure = (maxMs: number) => Promise<Throughput>;

/**
 * Measures the project and its baseline in short alternating slices (ABBA ABBA ...) within each round, so a
 * burst of other work on a shared machine lands on both, and summarises both rates and their per-round ratio.
 */
export async function pairedRounds(
  rounds: { count: number; roundMs: number; sliceMs: number },
  project: Measure,
  baseline: Measure,
  onRound?: (round: number) => void,
): Promise<Paired> {
  const p: number[] = [];
  const b: number[] = [];
  const slices = Math.max(1, Math.round(rounds.roundMs / rounds.sliceMs));
  for (let round = 0; round < rounds.count; round++) {
    onRound?.(round);
    const total = { p: { ops: 0, ms: 0 }, b: { ops: 0, ms: 0 } };
    const run = async (side: 'p' | 'b') => {
      const t = await (side === 'p' ? project : baseline)(rounds.sliceMs);
      total[side].ops += t.ops;
      total[side].ms += t.ms;
    };
    for (let slice = 0; slice < slices; slice++) {
      const order: ('p' | 'b')[] = slice % 2 === 0 ? ['p', 'b'] : ['b', 'p'];
      for (const side of order) await run(side);
    }
    p.push((total.p.ops / total.p.ms) * 1000);
    b.push((total.b.ops / total.b.ms) * 1000);
  }
  return { project: summarize(p), baseline: summarize(b), ratio: summarize(p.map((x, i) => x / b[i]!)) };
}

export interface Throughput {
  ops: number;
  errors: number;
  ms: number;
  perSecond: number;
}

/**
 * Runs `workers` loops of `op` until `maxOps` operations in total or `maxMs` have passed, whichever comes first.
 * An op returns false for a failed operation: it counts as an error, not as throughput.
 */
export async function throughput(workers: number, limits: { maxOps: number; maxMs: number }, op: (worker: number) => Promise<boolean>): Promise<Throughput> {
  let ops = 0;
  let errors = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + limits.maxMs;
  const loop = async (worker: number) => {
    while (started < limits.maxOps && performance.now() < deadline) {
      started++;
      if (await op(worker)) ops++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, i) => loop(i)));
  const ms = performance.now() - start;
  return { ops, errors, ms, perSecond: (ops / ms) * 1000 };
}
