import { cpus } from 'node:os';
import { harnessDefaults } from './defaults.js';
import { performance } from 'node:perf_hooks';
import type { ScenarioDefinition } from './define-scenario.js';
import type { OidcSimOptions } from '../oidc-sim/index.js';
import type { Reporter } from '../reports/index.js';
import { pool, seedFor } from '../support/index.js';
import { resultBase, runScenario } from './run-scenario.js';
import type { RunResult, ScenarioResult } from './result-types.js';
import type { ServerFactory } from './server-handle.js';
import { ServerPool } from './server-pool.js';
import { SimPool } from './sim-pool.js';

export interface RunOptions {
  scenarios: ScenarioDefinition[];
  seed: number;
  repeat: number;
  flaws: string[];
  server: ServerFactory;
  target: string;
  /** Simulator options for every world of the run (e.g. a provider profile); a scenario's own options win. */
  sim?: OidcSimOptions;
  /** CLI arguments that recreate this run's world, appended to every replay command. */
  replayArgs?: string[];
  reporters?: Reporter[];
  /** Worlds running at once (default: the machine's cores, at most 4). Verdicts never depend on it. */
  concurrency?: number;
  /** Scenarios the target cannot run, with why: each is reported once as `skipped`, in every report. */
  skipped?: Array<{ scenario: ScenarioDefinition; reason: string }>;
  /** The part of a split run these scenarios are (`--shard i/n`), recorded in the results for the merge. */
  shard?: { index: number; total: number };
  /** Simulators to reuse across worlds (a matrix shares one pool across its columns); default: one for this run. */
  sims?: SimPool;
  /**
   * Runs the worlds elsewhere instead of in this process (the CLI: in child processes, see world-processes.ts),
   * `lanes` at once; a lane's worlds run one after another. Reporters hear the same hooks, in the same order, and
   * each world's events when its result comes back.
   */
  elsewhere?: WorldsElsewhere;
}

/** A world of a run, as it can be named to another process: a catalogue scenario by id, and the world's seed. */
export interface WorldJob {
  id: string;
  seed: number;
}

export interface WorldsElsewhere {
  lanes: number;
  run(job: WorldJob, lane: number): Promise<ScenarioResult>;
}

export const defaultConcurrency = harnessDefaults.concurrency;

/**
 * Runs each scenario `repeat` times in fresh worlds, with seeds derived from the run's seed. Worlds are
 * independent (own windows; a simulator started with the world's options and a server started for that simulator,
 * reused from an earlier world only after a reset that leaves nothing of it), so several run at once; results keep
 * the catalogue's order.
 */
export async function runCatalogue(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const reporters = options.reporters ?? [];
  const emit = async <K extends keyof Reporter>(hook: K, ...args: Parameters<NonNullable<Reporter[K]>>) => {
    for (const r of reporters) await (r[hook] as ((...a: unknown[]) => unknown) | undefined)?.(...args);
  };
  const startedAt = new Date().toISOString();
  await emit('onRunStart', { startedAt, seed: options.seed, repeat: options.repeat, target: options.target, planned: options.scenarios.length * options.repeat + (options.skipped?.length ?? 0) });
  const jobs = Array.from({ length: options.repeat }, (_, rep) => options.scenarios.map((scenario) => ({ scenario, seed: seedFor(options.seed, rep) }))).flat();
  const watchers = reporters.filter((r) => r.onEvent);
  const elsewhere = options.elsewhere;
  const here = elsewhere ? undefined : worldRunner(options);
  // Long worlds start first (a stable sort: otherwise the catalogue's order); results go back to the jobs' order.
  const order = jobs.map((_, i) => i).sort((a, b) => Number(jobs[b]!.scenario.long === true) - Number(jobs[a]!.scenario.long === true));
  const ran = await pool(order.map((i) => jobs[i]!), elsewhere?.lanes ?? options.concurrency ?? defaultConcurrency(), async ({ scenario, seed }, _index, lane) => {
    const start = { id: scenario.id, title: scenario.title, seed, flaws: options.flaws };
    await emit('onScenarioStart', start);
    const onEvent = watchers.length ? (e: ScenarioResult['history'][number]) => watchers.forEach((r) => void r.onEvent!(e, start)) : undefined;
    let result: ScenarioResult;
    if (elsewhere) {
      result = await elsewhere.run({ id: scenario.id, seed }, lane);
      result.history.forEach((e) => onEvent?.(e));
    } else {
      result = await here!.run(scenario, seed, onEvent);
    }
    await emit('onScenarioEnd', result);
    return result;
  }).finally(() => here?.close());
  const results: ScenarioResult[] = new Array(jobs.length);
  order.forEach((job, k) => (results[job] = ran[k]!));
  for (const { scenario, reason } of options.skipped ?? []) {
    const result = skippedResult(scenario, reason, options);
    await emit('onScenarioEnd', result);
    results.push(result);
  }
  const run: RunResult = {
    startedAt,
    durationMs: performance.now() - started,
    seed: options.seed,
    repeat: options.repeat,
    target: options.target,
    scenarios: results,
    machine: { node: process.version, platform: process.platform, cpus: cpus().length },
    ...(options.shard ? { shard: options.shard } : {}),
  };
  await emit('onRunEnd', run);
  return run;
}

/**
 * Runs a run's worlds one by one as asked, on simulators and servers it reuses across them (each reset between two
 * worlds): what runCatalogue does in its own process, and what a child process does for it (world-worker.ts).
 */
export function worldRunner(options: Pick<RunOptions, 'flaws' | 'server' | 'sim' | 'replayArgs' | 'sims'>) {
  const sims = options.sims ?? new SimPool();
  // A server is bound to its simulator: one reused with a reused simulator, reset as new between worlds too.
  const servers = new ServerPool();
  const server = servers.reusing(options.server);
  return {
    async run(scenario: ScenarioDefinition, seed: number, onEvent?: (e: ScenarioResult['history'][number]) => void): Promise<ScenarioResult> {
      // A simulator that cannot start is the scenario's harness error: the world then tries itself and reports it.
      const borrowed = await sims.acquire(seed, { ...options.sim, ...scenario.world?.sim }).catch(() => undefined);
      return runScenario(scenario, {
        seed,
        flaws: options.flaws,
        ...(borrowed ? { reuseSim: borrowed.sim, server } : { server: options.server, ...(options.sim ? { sim: options.sim } : {}) }),
        ...(options.replayArgs ? { replayArgs: options.replayArgs } : {}),
        ...(onEvent ? { onEvent } : {}),
      }).finally(() => borrowed?.release());
    },
    async close(): Promise<void> {
      await servers.close();
      if (!options.sims) await sims.close();
    },
  };
}

function skippedResult(scenario: ScenarioDefinition, reason: string, options: RunOptions): ScenarioResult {
  return { ...resultBase(scenario, options), status: 'skipped', reason, durationMs: 0, verdicts: [], history: [] };
}
