import type { RunResult } from '../../scenarios/result-types.js';
import { flawKey } from '../baseline/failure-keys.js';

export interface FailingRepeat {
  seed: number;
  interleaving: string;
  invariants: string[];
  replay: string;
}

/** One scenario (with one set of flaws) over all its repetitions. */
export interface RepeatRow {
  scenario: string;
  flaw: string;
  runs: number;
  failed: number;
  /** Distinct interleavings seen over all runs, and among the failing ones. */
  interleavings: number;
  failingInterleavings: number;
  failing: FailingRepeat[];
}

/** Failure rate, distinct interleavings and the replay of each failing seed, per scenario; empty unless something repeated. */
export function repeatSummary(run: RunResult): RepeatRow[] {
  const groups = new Map<string, RunResult['scenarios']>();
  for (const s of run.scenarios) {
    const key = `${s.id}\u0000${flawKey(s.flaws)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  if (![...groups.values()].some((g) => g.length > 1)) return [];
  return [...groups.values()].flatMap((all) => {
    // A skipped scenario never ran: the summary lists it as skipped, never as a failed run here.
    const runs = all.filter((s) => s.status !== 'skipped');
    if (!runs.length) return [];
    // The runner fingerprints each run's interleaving (scenarios/interleaving.ts); an older results file has none.
    const signed = runs.map((s) => ({ s, interleaving: s.interleaving ?? 'unrecorded' }));
    const failing = signed.filter(({ s }) => s.status !== 'passed');
    return [{
      scenario: runs[0]!.id,
      flaw: flawKey(runs[0]!.flaws),
      runs: runs.length,
      failed: failing.length,
      interleavings: new Set(signed.map((x) => x.interleaving)).size,
      failingInterleavings: new Set(failing.map((x) => x.interleaving)).size,
      failing: failing.map(({ s, interleaving }) => ({
        seed: s.seed,
        interleaving,
        invariants: s.status === 'error' ? ['harness error'] : s.verdicts.filter((v) => !v.holds).map((v) => v.invariant),
        replay: s.replay,
      })),
    }];
  });
}

const MAX_SEEDS = 20;

/** The summary as console lines: the rate and interleavings per scenario, then each failing seed's replay. */
export function repeatLines(rows: readonly RepeatRow[]): string[] {
  return rows.flatMap((r) => {
    const pct = ((100 * r.failed) / r.runs).toFixed(0);
    const head = `${r.scenario}${r.flaw ? ` (flaw ${r.flaw})` : ''}: ${r.failed}/${r.runs} runs failed (${pct}%), ${r.interleavings} distinct interleaving${r.interleavings === 1 ? '' : 's'}${r.failed ? ` (${r.failingInterleavings} among the failures)` : ''}`;
    const seeds = r.failing.slice(0, MAX_SEEDS).map((f) => `    seed ${f.seed} [${f.interleaving}] ${f.invariants.join(', ')}: ${f.replay}`);
    const more = r.failing.length > MAX_SEEDS ? [`    … and ${r.failing.length - MAX_SEEDS} more failing seeds in results.json`] : [];
    return [head, ...seeds, ...more];
  });
}
