import { availableParallelism } from 'node:os';
import type { Benchmark, Row } from './benchmark.js';
import { startCpuBurners } from './cpu-burners.js';
import { runHarnessJob, type TimedRun } from './harness-job.js';
import { summarize } from './measure.js';

const SEED = 2_000;

/**
 * The clean catalogue N times while CPU burners keep every core busy, so the machine runs twice as many busy
 * threads as it has cores (the harness's own process is the other half). A harness error or a failed verdict
 * against the reference server is a flaw of the harness: a busy CI runner must not change a verdict (issue 12).
 */
export const underLoad: Benchmark = {
  name: 'under-load',
  title: 'clean catalogue on a 2x oversubscribed machine: harness errors and false alarms per run',
  async run(ctx) {
    const { underLoadRuns: runs, underLoadMaxMs: maxMs } = ctx.settings;
    const cores = availableParallelism();
    ctx.progress(`${runs} catalogue runs with ${cores} CPU burner(s) on ${cores} core(s), bounded at ${maxMs / 1000} s`);
    const burners = startCpuBurners(cores, maxMs + 60_000);
    const perRun: Array<{ seed: number; errors: number; falseAlarms: number; ms: number; problems: string[] }> = [];
    const started = performance.now();
    try {
      for (let rep = 0; rep < runs && performance.now() - started < maxMs; rep++) {
        const seed = SEED + rep;
        const run = await runHarnessJob<TimedRun>({ kind: 'catalogue', seed }, ctx.progress, maxMs);
        const entry = { seed, errors: run.statuses.error ?? 0, falseAlarms: run.statuses.failed ?? 0, ms: run.ms, problems: run.problems ?? [] };
        perRun.push(entry);
        ctx.progress(`run ${rep + 1}/${runs} (seed ${seed}): ${entry.errors} harness errors, ${entry.falseAlarms} false alarms, ${(run.ms / 1000).toFixed(0)} s${entry.problems.length ? ` — ${entry.problems.join("; ")}` : ""}`);
      }
    } finally {
      await burners.stop();
    }
    const sum = (k: 'errors' | 'falseAlarms') => perRun.reduce((n, r) => n + r[k], 0);
    const rows: Row[] = [
      { metric: `harness errors per catalogue run (${perRun.length} runs)`, unit: '', digits: 0, project: summarize(perRun.map((r) => r.errors)), target: { op: '<=', value: 0, of: 'measured' }, note: `${sum('errors')} in all` },
      { metric: `false alarms per catalogue run (${perRun.length} runs)`, unit: '', digits: 0, project: summarize(perRun.map((r) => r.falseAlarms)), target: { op: '<=', value: 0, of: 'measured' }, note: `${sum('falseAlarms')} in all` },
    ];
    return {
      rows,
      notes: [
        `${cores} burner process(es) spinning on ${cores} core(s) beside the harness; seeds ${SEED}..${SEED + perRun.length - 1}${perRun.length < runs ? ` — STOPPED EARLY by the ${maxMs / 1000} s bound` : ''}`,
        ...perRun.map((r) => `seed ${r.seed}: ${r.errors} errors, ${r.falseAlarms} false alarms, ${(r.ms / 1000).toFixed(0)} s${r.problems.length ? ` — ${r.problems.join('; ')}` : ''}`),
      ],
      extra: { perRun },
    };
  },
};
