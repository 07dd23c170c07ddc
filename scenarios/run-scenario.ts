import { performance } from 'node:perf_hooks';
import type { OidcSim, OidcSimOptions } from '../oidc-sim/index.js';
import type { ScenarioDefinition } from './define-scenario.js';
import { invariants } from './invariants/index.js';
import { isInconclusive, isViolated } from './invariants/invariant.js';
import type { HistoryEvent, InvariantVerdict, ScenarioResult, ScenarioStatus } from './result-types.js';
import { causeChain } from './target-failure.js';
import { interleavingOf } from './interleaving.js';
import type { ServerFactory } from './server-handle.js';
import { World } from './world.js';
import { errorLinks } from './describe-error.js';
import { harnessDefaults } from './defaults.js';
import { withStallWatchdog } from './stall-watchdog.js';

export interface RunScenarioOptions {
  seed: number;
  flaws: string[];
  server: ServerFactory;
  /** Extra CLI arguments that recreate this run's world (e.g. --profile okta), for the replay command. */
  replayArgs?: string[];
  /** Simulator options for this world; the scenario's own options win. */
  sim?: OidcSimOptions;
  /** A simulator reused across worlds (reset, not restarted): see `WorldOptions.reuseSim`. */
  reuseSim?: OidcSim;
  /** A scenario that records no event for this long is a harness error, never a hang (default harnessDefaults.scenarioStallMs). */
  stallMs?: number;
  onEvent?: (e: ScenarioResult['history'][number]) => void;
}

/** Runs one scenario in a fresh world and judges its history. A harness exception is an `error`, not a failure. */
export async function runScenario(scenario: ScenarioDefinition, options: RunScenarioOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const base = resultBase(scenario, options);
  let world: World | undefined;
  try {
    world = await World.create({ seed: options.seed, flaws: options.flaws, server: options.server, scenario, sim: options.sim, ...(options.reuseSim ? { reuseSim: options.reuseSim } : {}) });
    if (options.onEvent) world.history.onEvent(options.onEvent);
    await withStallWatchdog(scenario.run(world), world.history, options.stallMs ?? harnessDefaults.scenarioStallMs, scenario.id);
    const history = world.history.events;
    const verdicts = judgeHistory(history, scenario.skipInvariants);
    const { status, reason } = statusOf(verdicts);
    return { ...base, status, ...(reason ? { reason } : {}), interleaving: interleavingOf(history), durationMs: performance.now() - started, verdicts, history: [...history], ...targetLogOf(world) };
  } catch (err) {
    const causes = causeChain(err);
    return {
      ...base,
      status: 'error',
      durationMs: performance.now() - started,
      verdicts: [],
      error: { message: errorLinks(err)[0] ?? String(err), ...(causes.length ? { causes } : {}) },
      history: world ? [...world.history.events] : [],
      ...targetLogOf(world),
    };
  } finally {
    await world?.close().catch(() => undefined);
  }
}

/** Every invariant (but those skipped) over one recorded history: the verdicts of a run. */
export function judgeHistory(history: readonly HistoryEvent[], skipInvariants: readonly string[] = []): InvariantVerdict[] {
  const skip = new Set(skipInvariants);
  return invariants.filter((i) => !skip.has(i.name)).map((i) => i.check(history as HistoryEvent[]));
}

/** Violated beats inconclusive beats held: a run is green only with every invariant judged and held. */
export function statusOf(verdicts: InvariantVerdict[]): { status: ScenarioStatus; reason?: string } {
  if (verdicts.some(isViolated)) return { status: 'failed' };
  const unsure = verdicts.filter(isInconclusive);
  if (unsure.length) return { status: 'inconclusive', reason: unsure.map((v) => `${v.invariant}: ${v.message}`).join('; ') };
  return { status: 'passed' };
}

function targetLogOf(world: World | undefined): { targetLog?: string[] } {
  const lines = world?.server.targetLog?.();
  return lines?.length ? { targetLog: lines } : {};
}

/** What every result of a scenario run says about itself, whatever became of the run (skipped ones included). */
export function resultBase(scenario: ScenarioDefinition, options: { seed: number; flaws: string[]; replayArgs?: string[] }) {
  return {
    id: scenario.id,
    title: scenario.title,
    seeds: scenario.seeds,
    tags: scenario.tags,
    seed: options.seed,
    flaws: options.flaws,
    replay: replayCommand(scenario.id, options.seed, options.flaws, options.replayArgs),
  };
}

export function replayCommand(id: string, seed: number, flaws: string[], extra: string[] = []): string {
  return ['npx oidc-harness run', id, '--seed', String(seed), ...flaws.flatMap((f) => ['--flaw', f]), ...extra.map(shellQuote)].join(' ');
}

export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
