import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import type { OidcSim, OidcSimOptions } from '../../oidc-sim/index.js';
import { createWorldSim } from '../world.js';
import { runScenario } from '../run-scenario.js';
import type { ScenarioResult } from '../result-types.js';
import type { ServerFactory } from '../server-handle.js';
import { caseScenario } from './case-scenario.js';
import { exploreCase, type ExploreCase, type Step } from './explore-case.js';
import type { Workload } from './workloads.js';

export interface ExploreOptions {
  workload: Workload;
  /** Cases to draw (fast-check's numRuns). */
  runs: number;
  /** fast-check's seed; also the seed of every world, so a replay meets the same users. */
  seed: number;
  flaws: string[];
  server: ServerFactory;
  sim?: OidcSimOptions;
  /** Stop drawing new cases after this long (the exploration so far is reported; a shrink still finishes). */
  timeBudgetMs?: number;
  /** Shrink attempts before the smallest failing case so far is reported. */
  shrinkBudget: number;
  /** Shrink the first failure (default true); false reports the drawn case as it failed (for counting runs-to-find). */
  shrink?: boolean;
  /** Replays one case: fast-check's counterexample path (with `seed`), no drawing, no shrinking. */
  replayPath?: string;
  /**
   * Reuse one simulator for every case, reset between them rather than restarted (default true): the server and
   * the windows are still new for each case, so cases stay independent.
   */
  reuseSim?: boolean;
  /** Called after each case run (drawn, shrink or replay). */
  onRun?(progress: ExploreProgress): void;
}

export interface ExploreProgress {
  phase: 'explore' | 'shrink' | 'replay';
  explored: number;
  shrinks: number;
  violations: number;
  result: ScenarioResult;
}

/** What the drawn (not shrunk) cases covered. */
export interface Coverage {
  /** Steps run, by operation (window tools by name, levers by kind). */
  operations: Record<string, number>;
  /** Faults and gates pulled, by kind. */
  faults: Record<string, number>;
  /** Distinct interleavings (order of window calls, token events and gate releases) among the drawn cases. */
  interleavings: number;
  /** Drawn cases by status: passed, failed, inconclusive, error. */
  statuses: Record<string, number>;
}

export interface ExploreFailure {
  /** The smallest failing case found. */
  case: ExploreCase;
  /** Its run: history, verdicts, and the invariant it broke (or the harness error). */
  result: ScenarioResult;
  /** fast-check's path to the shrunk case: with the seed, `--replay` runs exactly this case. */
  path: string;
  /** Shrink attempts made. */
  shrinks: number;
  /** Whether the shrink budget ran out before fast-check had tried every smaller case. */
  budgetSpent: boolean;
}

export interface ExploreResult {
  seed: number;
  /** Drawn cases that ran (shrink attempts not counted). */
  explored: number;
  durationMs: number;
  coverage: Coverage;
  failure?: ExploreFailure;
  /** The time budget ended the exploration before `runs` cases. */
  interrupted: boolean;
}

/** A run that fails the property: an invariant violated, or a harness error (never a verdict on the server). */
const fails = (r: ScenarioResult) => r.status === 'failed' || r.status === 'error';

/**
 * Draws cases of a workload with fast-check, runs each in a fresh world, and judges each history with every
 * invariant. The first violation (or harness error) is shrunk by fast-check to the smallest case that still fails.
 */
export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const started = performance.now();
  const coverage: Coverage = { operations: {}, faults: {}, interleavings: 0, statuses: {} };
  const interleavings = new Set<string>();
  let explored = 0;
  let shrinks = 0;
  let replayed = 0;
  let outOfTime = false;
  let failing: { case: ExploreCase; result: ScenarioResult } | undefined;
  const phase = (): ExploreProgress['phase'] => (options.replayPath !== undefined ? 'replay' : failing ? 'shrink' : 'explore');

  const sim = options.reuseSim === false ? undefined : await createWorldSim(options.seed, options.sim);
  const property = fc.asyncProperty(exploreCase(options.workload), async (c) => {
    const now = phase();
    if (now === 'shrink' && shrinks >= options.shrinkBudget) return true;
    // A replay runs the one case its path names; fast-check would draw more after a case that passed.
    if (now === 'replay' && replayed++) return true;
    // The time budget ends drawing here, between cases: fast-check's own time limit would abandon a running case
    // and close its simulator under it. A shrink in progress finishes.
    if (now === 'explore' && options.timeBudgetMs !== undefined && performance.now() - started > options.timeBudgetMs) {
      outOfTime = true;
      return true;
    }
    const result = await runCase(c, { workload: options.workload, seed: options.seed, flaws: options.flaws, server: options.server, ...(options.sim ? { sim: options.sim } : {}), ...(sim ? { reuseSim: sim } : {}) });
    if (now === 'shrink') shrinks++;
    else {
      explored++;
      count(coverage, c, result);
      if (result.interleaving) interleavings.add(result.interleaving);
    }
    const failed = fails(result);
    if (failed) failing = { case: c, result };
    options.onRun?.({ phase: now, explored, shrinks, violations: failing ? 1 : 0, result });
    return !failed;
  });

  const details = await fc
    .check(property, {
      seed: options.seed,
      numRuns: options.replayPath !== undefined ? 1 : options.runs,
      ...(options.replayPath !== undefined ? { path: options.replayPath, endOnFailure: true } : {}),
      ...(options.shrink === false ? { endOnFailure: true } : {}),
    })
    .finally(() => sim?.close());
  coverage.interleavings = interleavings.size;
  const result: ExploreResult = { seed: options.seed, explored, durationMs: performance.now() - started, coverage, interrupted: outOfTime };
  if (details.failed && failing && details.counterexamplePath !== null) {
    result.failure = { ...failing, path: details.counterexamplePath, shrinks, budgetSpent: shrinks >= options.shrinkBudget };
  } else if (details.failed && details.errorInstance) {
    // The property itself threw: a bug of ours, never a verdict on the server.
    throw details.errorInstance;
  }
  return result;
}

/** One case in a fresh world: the same runner, invariants and result shape as a catalogue scenario. */
export function runCase(c: ExploreCase, options: Pick<ExploreOptions, 'workload' | 'seed' | 'flaws' | 'server' | 'sim'> & { reuseSim?: OidcSim }): Promise<ScenarioResult> {
  return runScenario(caseScenario(c, options.workload, { id: `explore-${options.workload.name}`, title: `An explored case of workload ${options.workload.name}` }), {
    seed: options.seed,
    flaws: options.flaws,
    server: options.server,
    ...(options.sim ? { sim: options.sim } : {}),
    ...(options.reuseSim ? { reuseSim: options.reuseSim } : {}),
  });
}

function count(coverage: Coverage, c: ExploreCase, result: ScenarioResult): void {
  const add = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  add(coverage.statuses, result.status);
  const visit = (s: Step) => {
    if (s.op === 'race') {
      add(coverage.operations, 'race');
      if (s.gated) add(coverage.faults, 'gated race');
      if (s.heartbeat) add(coverage.operations, 'heartbeat');
      for (const call of s.calls) add(coverage.operations, call.tool);
    } else if (s.op === 'fault') add(coverage.faults, s.fault.effect);
    else if (s.op === 'expire') add(coverage.faults, 'expire-now');
    else if (s.op === 'end-tokens') add(coverage.faults, 'end-tokens');
    else if (s.op === 'hold') {
      add(coverage.faults, `hold ${s.point}`);
      s.steps.forEach(visit);
    } else {
      if (s.op === 'login' && s.tamper) add(coverage.faults, `tamper ${s.tamper}`);
      add(coverage.operations, s.op);
    }
  };
  c.steps.forEach(visit);
}
