// Child-process entry for the harness benchmarks: runs one job (harness-job.ts) and reports it over IPC.
import { performance } from 'node:perf_hooks';
import { flawNames } from '../mcp-server/index.js';
import { catalogue, expectedCatches, referenceServer, runCatalogue, runMatrix, type RunResult, type ScenarioResult } from '../scenarios/index.js';
import type { DetectionResult, FlawDetection, HarnessJob, TimedRun } from './harness-job.js';
import { minimalScenario } from './minimal-scenario.js';
import { harnessDefaults } from '../scenarios/defaults.js';
import type { WorldJob } from '../scenarios/runner.js';
import { WorldProcesses } from '../scenarios/world-processes.js';
import { spreadOver, worldProcessBin } from './bundled-cli.js';

const TARGET = 'reference server (bench)';
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const progress = (message: string) => send({ progress: message });

function statuses(results: ScenarioResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

async function timed(run: () => Promise<RunResult>): Promise<TimedRun> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const m = result.matrix;
  const byId = new Map<string, number>();
  for (const r of result.scenarios) byId.set(r.id, (byId.get(r.id) ?? 0) + r.durationMs);
  return {
    ms,
    statuses: statuses(result.scenarios),
    runs: result.scenarios.length,
    problems: result.scenarios
      .filter((r) => r.status !== 'passed')
      .map((r) => `${r.id} (seed ${r.seed}) ${r.status}: ${r.error?.message ?? r.verdicts.filter((v) => !v.holds).map((v) => `${v.invariant}: ${v.message}`).join(' | ')}`.slice(0, 400)),
    slowest: [...byId].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([id, t]) => [id, Math.round(t)]),
    ...(m ? { notCaught: m.flaws.filter((f) => !Object.values(m.cells[f] ?? {}).some((inv) => inv.length)), falseAlarms: m.falseAlarms } : {}),
  };
}

/** Each flaw on its expected scenario, then the clean catalogue, `runs` times each, one seed per run, within `maxMs`. */
async function detect(job: Extract<HarnessJob, { kind: 'detect' }>): Promise<DetectionResult> {
  const start = performance.now();
  const deadline = start + job.maxMs;
  const byId = new Map(catalogue.map((s) => [s.id, s]));
  const flaws: FlawDetection[] = [];
  let stoppedEarly = false;
  const entries = Object.entries(expectedCatches);
  for (const [n, [flaw, expected]] of entries.entries()) {
    const scenario = byId.get(expected.scenario);
    if (!scenario) throw new Error(`expected scenario ${expected.scenario} of flaw ${flaw} is not in the catalogue`);
    const d: FlawDetection = { flaw, scenario: expected.scenario, invariant: expected.invariant, runs: 0, caught: 0, caughtAny: 0, errors: 0 };
    for (let rep = 0; rep < job.runs; rep++) {
      if (performance.now() > deadline) {
        stoppedEarly = true;
        break;
      }
      const run = await runCatalogue({ scenarios: [scenario], seed: job.seed + rep, repeat: 1, flaws: [flaw], server: referenceServer(), target: TARGET });
      const r = run.scenarios[0]!;
      d.runs++;
      if (r.status === 'error') d.errors++;
      const failed = r.verdicts.filter((v) => !v.holds).map((v) => v.invariant);
      if (failed.includes(expected.invariant)) d.caught++;
      else d.missedReplay ??= r.replay;
      if (failed.length) d.caughtAny++;
    }
    flaws.push(d);
    await progress(`flaw ${n + 1}/${entries.length} ${flaw}: caught ${d.caught}/${d.runs}`);
  }
  const clean: DetectionResult['clean'] = { runs: 0, catalogues: 0, failed: 0, errors: 0, byScenario: {} };
  for (let rep = 0; rep < job.runs; rep++) {
    if (performance.now() > deadline) {
      stoppedEarly = true;
      break;
    }
    const run = await runCatalogue({ scenarios: catalogue, seed: job.seed + rep, repeat: 1, flaws: [], server: referenceServer(), target: TARGET });
    clean.catalogues++;
    for (const r of run.scenarios) {
      clean.runs++;
      if (r.status === 'passed') continue;
      const s = (clean.byScenario[r.id] ??= { failed: 0, errors: 0 });
      if (r.status === 'failed') (clean.failed++, s.failed++);
      else (clean.errors++, s.errors++);
      clean.firstReplay ??= r.replay;
    }
    if ((rep + 1) % Math.max(1, Math.round(job.runs / 10)) === 0) await progress(`clean catalogue ${rep + 1}/${job.runs}: ${clean.failed} failed, ${clean.errors} errors so far`);
  }
  const uncovered = flawNames.filter((f) => !(f in expectedCatches));
  return { ms: performance.now() - start, flaws, clean, stoppedEarly, uncovered };
}

async function run(job: HarnessJob): Promise<unknown> {
  switch (job.kind) {
    case 'catalogue':
      return timed(() => runCatalogue({ scenarios: catalogue, seed: job.seed, repeat: 1, flaws: [], server: referenceServer(), target: TARGET }));
    case 'catalogue-spread': {
      // What `oidc-harness run` does by default: the worlds over child processes that each resolve the same run from
      // the same options; starting the children is timed (a run pays it).
      const concurrency = harnessDefaults.concurrency();
      const children = new WorldProcesses<WorldJob, ScenarioResult>({ count: spreadOver(concurrency), argv: ['run', '--seed', String(job.seed)], ...(worldProcessBin() ? { bin: worldProcessBin()! } : {}) });
      const elsewhere = { lanes: concurrency, run: (j: WorldJob, lane: number) => children.run(lane, j) };
      return timed(() => runCatalogue({ scenarios: catalogue, seed: job.seed, repeat: 1, flaws: [], server: referenceServer(), target: TARGET, elsewhere }).finally(() => children.close()));
    }
    case 'minimal':
      return timed(() => runCatalogue({ scenarios: Array.from({ length: job.count }, () => minimalScenario), seed: job.seed, repeat: 1, flaws: [], server: referenceServer(), target: TARGET }));
    case 'matrix':
      return timed(() => runMatrix({ scenarios: catalogue, flaws: [...flawNames], seed: job.seed, repeat: 1, serverFor: () => referenceServer(), target: TARGET }));
    case 'detect':
      return detect(job);
  }
}

try {
  await send({ result: { ok: true, value: await run(JSON.parse(process.argv[2]!) as HarnessJob) } });
} catch (err) {
  await send({ result: { ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) } });
}
process.exit(0);
