import type { Benchmark, Row } from './benchmark.js';
import { runHarnessJob, type DetectionResult } from './harness-job.js';
import { summarize } from './measure.js';

const SEED = 1_000;

/**
 * How reliably each flaw is caught by the scenario written for it (scenarios/expected-catches.ts), and how often the
 * clean catalogue raises a false alarm: N runs each (100, 10 with --quick), one seed per run, in a separate process.
 */
export const detectionRates: Benchmark = {
  name: 'detection-rates',
  title: 'detection rate per flaw and false-alarm rate (reference server)',
  async run(ctx) {
    const { detectionRuns: runs, detectionMaxMs: maxMs } = ctx.settings;
    ctx.progress(`${runs} runs per flaw on its expected scenario, then the clean catalogue ${runs} times (bounded at ${maxMs / 1000} s)`);
    // The worker stops itself between runs at maxMs; the kill is for a run that hangs past it.
    const d = await runHarnessJob<DetectionResult>({ kind: 'detect', seed: SEED, runs, maxMs }, ctx.progress, maxMs + 180_000);
    const pct = (n: number, of: number) => (of ? (100 * n) / of : 0);
    const rows: Row[] = d.flaws.map((f) => ({
      metric: `${f.flaw} on ${f.scenario} (${f.invariant})`,
      unit: ' %',
      project: summarize([pct(f.caught, f.runs)]),
      target: { op: '>=', value: 100, of: 'measured' },
      ...(f.caught < f.runs || f.errors || f.caughtAny !== f.caught
        ? { note: `caught by the expected invariant ${f.caught}/${f.runs}, by any invariant ${f.caughtAny}/${f.runs}, harness errors ${f.errors}${f.missedReplay ? `; a miss: ${f.missedReplay}` : ''}` }
        : {}),
    }));
    const c = d.clean;
    const alarms = Object.entries(c.byScenario).map(([id, s]) => `${id} ${s.failed} failed${s.errors ? ` ${s.errors} errors` : ''}`);
    rows.push({
      metric: `false alarms: clean catalogue × ${c.catalogues} (${c.runs} scenario runs)`,
      unit: ' %',
      project: summarize([pct(c.failed, c.runs)]),
      target: { op: '<=', value: 0, of: 'measured' },
      ...(alarms.length ? { note: `${c.failed} failed, ${c.errors} harness errors: ${alarms.join('; ')}${c.firstReplay ? `; replay one: ${c.firstReplay}` : ''}` } : {}),
    });
    return {
      rows,
      notes: [
        `${runs} runs per flaw and of the clean catalogue${d.stoppedEarly ? ` — STOPPED EARLY by the ${maxMs / 1000} s bound, see the run counts` : ''}; seeds ${SEED}..${SEED + runs - 1}; ${(d.ms / 1000).toFixed(0)} s in all`,
        'a flaw counts as detected in a run when the invariant expected-catches.ts names failed; a false alarm is a clean scenario run that failed (harness errors are counted apart)',
        'a rate over N runs, not a median over rounds',
        ...(d.uncovered.length ? [`flaws with no expected catch in scenarios/expected-catches.ts, not measured: ${d.uncovered.join(', ')}`] : []),
      ],
      extra: { ...d },
    };
  },
};
