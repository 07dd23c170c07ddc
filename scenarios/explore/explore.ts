import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import type { OidcSim, OidcSimOptions } from '../../oidc-sim/index.js';
import { harnessDefaults } from '../defaults.js';
import { ServerPool } from '../server-pool.js';
import { SimPool } from '../sim-pool.js';
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
   * Reuse simulators and servers that can be reset (the in-process reference server) across cases, reset between them
   * rather than restarted (default true): each case meets them as new and has windows of its own, so cases stay
   * independent.
   */
  reuse?: boolean;
  /** Cases running at once, each in its own world (default: harnessDefaults.concurrency). Results never depend on it. */
  concurrency?: number;
  /**
   * Runs the drawn cases elsewhere (the CLI: in child processes, world-processes.ts), `lanes` at once, instead of
   * `concurrency` at a time here; shrinking and replays run here. Results never depend on it.
   */
  elsewhere?: { lanes: number; run(c: ExploreCase, lane: number): Promise<ScenarioResult> };
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
  /** The first few drawn cases that were inconclusive: their index in draw order (0-based, a replay path) and why. */
  inconclusive: Array<{ index: number; reason: string }>;
}

/** How many inconclusive cases the coverage names (the count covers them all). */
const NAMED_INCONCLUSIVE = 5;

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
  /** A replay (`replayPath`): the one case it ran and its result, whatever its status. */
  replayed?: { case: ExploreCase; result: ScenarioResult };
  /** The time budget ended the exploration before `runs` cases. */
  interrupted: boolean;
}

/** A run that fails the property: an invariant violated, or a harness error (never a verdict on the server). */
const fails = (r: ScenarioResult) => r.status === 'failed' || r.status === 'error';

/**
 * Draws cases of a workload with fast-check, runs each in a world of its own (on a reset simulator and server), and judges each history with every
 * invariant. The first violation (or harness error) is shrunk by fast-check to the smallest case that still fails.
 *
 * The drawn cases run `concurrency` at a time (one world and simulator each): a case spends much of its time waiting
 * on its own world (a login's device poll, a gated race's quiet period), and a case's verdict never depends on what
 * runs beside it. The first failure in draw order is the one shrunk, as if they had run one by one: the same seed
 * finds, shrinks and prints the same case whatever the concurrency. Shrinking runs one case at a time.
 */
export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const started = performance.now();
  const cases = caseRunner(options);
  const run = cases.run;
  const arbitrary = exploreCase(options.workload);
  try {
    if (options.replayPath !== undefined) return await replay(arbitrary, options, options.replayPath, run, started);
    const drawn = await draw(arbitrary, options);
    const elsewhere = options.elsewhere;
    const ran = await runDrawn(drawn, options, elsewhere ? elsewhere.run : run, elsewhere?.lanes ?? options.concurrency ?? harnessDefaults.concurrency(), started);
    const result: ExploreResult = { seed: options.seed, explored: ran.results.length, durationMs: 0, coverage: coverageOf(drawn, ran.results), interrupted: ran.outOfTime };
    const index = ran.results.findIndex(fails);
    if (index >= 0) {
      const first = { case: drawn[index]!, result: ran.results[index]! };
      result.failure = options.shrink === false ? { ...first, path: String(index), shrinks: 0, budgetSpent: options.shrinkBudget <= 0 } : await shrink(arbitrary, options, index, first, run, ran.results.length);
    }
    result.durationMs = performance.now() - started;
    return result;
  } finally {
    await cases.close();
  }
}

type RunOne = (c: ExploreCase) => Promise<ScenarioResult>;

/**
 * Runs cases one by one as asked, each in a world of its own on a simulator (and server) borrowed from pools that
 * reset them between cases, or on fresh ones with `reuse: false`: what explore does in its own process, and what a
 * child process does for it (world-worker.ts).
 */
export function caseRunner(options: Pick<ExploreOptions, 'workload' | 'seed' | 'flaws' | 'server' | 'sim' | 'reuse'>): { run: RunOne; close(): Promise<void> } {
  const sims = options.reuse === false ? undefined : new SimPool();
  const servers = sims && new ServerPool();
  const server = servers ? servers.reusing(options.server) : options.server;
  return {
    run: async (c) => {
      const borrowed = await sims?.acquire(options.seed, options.sim ?? {});
      try {
        return await runCase(c, { workload: options.workload, seed: options.seed, flaws: options.flaws, server, ...(options.sim ? { sim: options.sim } : {}), ...(borrowed ? { reuseSim: borrowed.sim } : {}) });
      } finally {
        borrowed?.release();
      }
    },
    close: async () => {
      await servers?.close();
      await sims?.close();
    },
  };
}

/** The cases fast-check draws for this seed, in order: case i is the one its path `i` names. */
async function draw(arbitrary: fc.Arbitrary<ExploreCase>, options: ExploreOptions): Promise<ExploreCase[]> {
  const drawn: ExploreCase[] = [];
  await checkOurs(arbitrary, async (c) => (drawn.push(c), true), { seed: options.seed, numRuns: options.runs });
  return drawn;
}

/**
 * Runs the drawn cases in order, `concurrency` at a time, until one fails: cases drawn after it are not started (nor
 * counted, if they already were), cases before it all finish. The time budget stops starting new cases; a running
 * case finishes (fast-check's own time limit would abandon it and close its simulator under it).
 */
async function runDrawn(drawn: ExploreCase[], options: ExploreOptions, run: (c: ExploreCase, lane: number) => Promise<ScenarioResult>, lanes: number, started: number): Promise<{ results: ScenarioResult[]; outOfTime: boolean }> {
  const results: ScenarioResult[] = [];
  let next = 0;
  let firstFailure = Infinity;
  let outOfTime = false;
  let done = 0;
  const lane = async (n: number) => {
    for (;;) {
      const i = next;
      if (i >= drawn.length || i > firstFailure) return;
      if (options.timeBudgetMs !== undefined && performance.now() - started > options.timeBudgetMs) {
        outOfTime = true;
        return;
      }
      next++;
      const result = await run(drawn[i]!, n);
      results[i] = result;
      if (fails(result)) firstFailure = Math.min(firstFailure, i);
      options.onRun?.({ phase: 'explore', explored: ++done, shrinks: 0, violations: firstFailure < Infinity ? 1 : 0, result });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, (_, n) => lane(n)));
  // Cases start in order and every started one finished: the cases run are a prefix of the drawn ones.
  const ran = results.slice(0, Math.min(next, firstFailure + 1));
  return { results: ran, outOfTime };
}

/** fast-check shrinks the failure at `index` from its path, one case at a time, within the shrink budget. */
async function shrink(arbitrary: fc.Arbitrary<ExploreCase>, options: ExploreOptions, index: number, first: { case: ExploreCase; result: ScenarioResult }, run: RunOne, explored: number): Promise<ExploreFailure> {
  let failing = first;
  let shrinks = 0;
  let replayed = false;
  const drawnFirst = JSON.stringify(first.case);
  const details = await checkOurs(
    arbitrary,
    async (c) => {
      // fast-check starts from the failing case itself: its run is the one just made.
      if (!replayed && JSON.stringify(c) === drawnFirst) {
        replayed = true;
        return false;
      }
      if (shrinks >= options.shrinkBudget) return true;
      const result = await run(c);
      shrinks++;
      const failed = fails(result);
      if (failed) failing = { case: c, result };
      options.onRun?.({ phase: 'shrink', explored, shrinks, violations: 1, result });
      return !failed;
    },
    { seed: options.seed, path: String(index) },
  );
  return { ...failing, path: details.counterexamplePath ?? String(index), shrinks, budgetSpent: shrinks >= options.shrinkBudget };
}

/** Runs the one case a path names (fast-check regenerates it from the seed), without drawing or shrinking. */
async function replay(arbitrary: fc.Arbitrary<ExploreCase>, options: ExploreOptions, path: string, run: RunOne, started: number): Promise<ExploreResult> {
  let ran: { case: ExploreCase; result: ScenarioResult } | undefined;
  const details = await checkOurs(
    arbitrary,
    async (c) => {
      // fast-check would draw more after a case that passed.
      if (ran) return true;
      const result = await run(c);
      ran = { case: c, result };
      options.onRun?.({ phase: 'replay', explored: 1, shrinks: 0, violations: fails(result) ? 1 : 0, result });
      return !fails(result);
    },
    { seed: options.seed, numRuns: 1, path, endOnFailure: true },
  );
  const result: ExploreResult = { seed: options.seed, explored: ran ? 1 : 0, durationMs: performance.now() - started, coverage: coverageOf(ran ? [ran.case] : [], ran ? [ran.result] : []), interrupted: false };
  if (ran) result.replayed = ran;
  if (ran && fails(ran.result)) result.failure = { ...ran, path: details.counterexamplePath ?? path, shrinks: 0, budgetSpent: false };
  return result;
}

/**
 * fast-check's check of `predicate` over `arbitrary`, where a predicate that throws is a bug of ours (a case's failure
 * is a result, never an exception): the error is thrown here instead of being shrunk like a violation.
 */
async function checkOurs(arbitrary: fc.Arbitrary<ExploreCase>, predicate: (c: ExploreCase) => Promise<boolean>, params: fc.Parameters<[ExploreCase]>): Promise<fc.RunDetails<[ExploreCase]>> {
  let bug: { error: unknown } | undefined;
  const property = fc.asyncProperty(arbitrary, async (c) => {
    if (bug) return true;
    try {
      return await predicate(c);
    } catch (error) {
      bug = { error };
      return true;
    }
  });
  const details = await fc.check(property, params);
  if (bug) throw bug.error;
  return details;
}

export function coverageOf(cases: ExploreCase[], results: ScenarioResult[]): Coverage {
  const coverage: Coverage = { operations: {}, faults: {}, interleavings: 0, statuses: {}, inconclusive: [] };
  const interleavings = new Set<string>();
  results.forEach((result, i) => {
    count(coverage, cases[i]!, result);
    if (result.status === 'inconclusive' && coverage.inconclusive.length < NAMED_INCONCLUSIVE) coverage.inconclusive.push({ index: i, reason: result.reason ?? 'no reason given' });
    if (result.interleaving) interleavings.add(result.interleaving);
  });
  coverage.interleavings = interleavings.size;
  return coverage;
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
  if (c.timing === 'seed-001') add(coverage.faults, result.history.some((e) => e.type === 'config.refused') ? 'timing seed-001 (refused)' : 'timing seed-001');
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
