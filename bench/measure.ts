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

/**
 * Measures the project and its baseline in alternating order each round (AB, BA, AB, ...), so neither always
 * runs on a warmer or busier machine, and summarises both figures and their per-round ratio.
 */
export async function pairedRounds(
  rounds: number,
  project: () => Promise<number>,
  baseline: () => Promise<number>,
  onRound?: (round: number) => void,
): Promise<Paired> {
  const p: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    onRound?.(round);
    if (round % 2 === 0) {
      p.push(await project());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      p.push(await project());
    }
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
