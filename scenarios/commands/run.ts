import { BaselineFileError, compareWithBaseline, isKnownFailure, readBaseline, repeatLines, repeatSummary, withBaseline, type Baseline } from '../../reports/index.js';
import { consoleReporter } from '../console-reporter.js';
import type { ScenarioDefinition } from '../define-scenario.js';
import type { ScenarioResult } from '../result-types.js';
import { runCatalogue, worldRunner, type WorldJob } from '../runner.js';
import { WorldProcesses } from '../world-processes.js';
import { closeWorldPglite } from '../reference-replicas.js';
import { selectScenarios } from '../select-scenarios.js';
import { parseShard, shardOf } from '../shard.js';
import { resolveTarget, runnableOn, targetUsage } from '../targets.js';
import { modeArgs } from './mode.js';
import { UsageError } from '../usage-error.js';
import { profileUsage } from './profile-option.js';
import { intOption, numberOption, parse, runOptions } from './parse.js';
import { runConfig } from './run-config.js';
import { harnessDefaults } from '../defaults.js';
import { reportersFor, reportOptionsUsage } from './outputs.js';

export const runUsage = `oidc-harness run [ids...] [options]

Runs scenarios (all when no id is given) in fresh worlds and checks every invariant over each history.
Exit codes: 0 every scenario passed (skipped ones are listed, with why); 1 an invariant was violated; 2 usage
error; 3 a harness error (a bug of ours, printed with its cause chain); 4 inconclusive: nothing was violated but
some scenario lacked the evidence to judge (a login never completed, a race never formed) — never green. With
--baseline, the failures it lists are known and do not count; a fixed one (listed, now passing) is reported.

Options:
  --seed N          base seed (default ${harnessDefaults.seed}); repetition k uses a seed derived from it
  --repeat N        run each scenario N times in fresh worlds (default ${harnessDefaults.repeat}); report the failure
                    rate, the distinct interleavings seen and the replay of each failing seed
  --flaw NAME       switch a flaw of the reference server on (repeatable)
  --profile P       the simulator's provider profile (default strict): ${profileUsage}
  --concurrency N   worlds running at once (default: cores, at most 4); verdicts never depend on it
  --processes N     child processes those worlds are spread over (default 1: all in this process;
                    at most --concurrency); verdicts never depend on it
  --shard I/N       run only part I of N of the scenarios (a stable split by scenario id, as Playwright's);
                    merge the shards' results.json with 'oidc-harness report --merge'
  --json            print the results as JSON on stdout
  --baseline FILE   known failures that do not fail the run: a baseline file ({ "baselineVersion": 1,
                    "knownFailures": [{ "scenario", "invariant"?, "flaw"?, "target"?, "reason"? }] }) or an
                    earlier results.json; failures are reported as new, known or fixed
${reportOptionsUsage}
${targetUsage}
  --mode resource-server
                    judge an MCP server built to the MCP authorization spec (OAuth resource server) instead:
                    run --mode resource-server --help`;

/** run's options (start's too); a world process parses the parent's with them (world-worker.ts). */
export const runCommandOptions = {
  ...runOptions,
  processes: { type: 'string' },
  'server-cmd': { type: 'string' },
  'target-heartbeat': { type: 'string' },
  'target-restartable': { type: 'boolean' },
  'target-replicas': { type: 'string' },
  profile: { type: 'string' },
  baseline: { type: 'string' },
  shard: { type: 'string' },
} as const;

export async function runCommand(argv: string[]): Promise<number> {
  const mode = modeArgs(argv);
  if (mode.resource) return (await import('../resource-mode/run-resource-command.js')).runResourceCommand(mode.rest);
  argv = mode.rest;
  const { values, positionals } = parse(argv, runCommandOptions, true);
  if (values.help) {
    console.log(runUsage);
    return 0;
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const selected = selectScenarios(positionals);
  const scenarios = shard ? shardOf(selected, shard) : selected;
  if (shard) process.stderr.write(`shard ${shard.index}/${shard.total}: ${scenarios.length} of ${selected.length} scenarios${scenarios.length ? '' : ' (nothing to run in this part)'}\n`);
  const setup = await runSetup(values, scenarios);
  const { config, target, runnable, skipped } = setup;
  const { seed, repeat } = config;
  const baseline = values.baseline === undefined ? undefined : await loadBaseline(values.baseline);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters, json: config.json });
  // A shard may hold nothing this target can run; its (empty) results still belong in the merge.
  if (runnable.length === 0 && !shard) throw new UsageError('no scenario left to run against this target');
  // Worlds spread over child processes, each resolving this same run from these same options (world-worker.ts).
  const processes = Math.min(config.processes, config.concurrency, runnable.length * repeat);
  const children = processes > 1 ? new WorldProcesses<WorldJob, ScenarioResult>({ count: processes, argv: ['run', ...argv] }) : undefined;
  const result = await runCatalogue({
    ...setup.worlds,
    concurrency: config.concurrency,
    ...(children ? { elsewhere: { lanes: config.concurrency, run: (job, lane) => children.run(lane, job) } } : {}),
    scenarios: runnable,
    skipped,
    seed,
    repeat,
    target: target.name,
    ...(shard ? { shard } : {}),
    reporters: [consoleReporter({ baseline }), ...reporters].map((r) => (baseline ? withBaseline(r, baseline) : r)),
  }).finally(() => Promise.all([children?.close(), closeWorldPglite()]));
  const comparison = baseline && compareWithBaseline(baseline, result);
  if (config.json) console.log(JSON.stringify(comparison ? { ...result, baseline: comparison } : result));
  if (repeat > 1) for (const line of repeatLines(repeatSummary(result))) process.stderr.write(`${line}\n`);
  // With a baseline, a failure it lists does not count; everything else decides the exit code as usual.
  return exitCodeOf(comparison ? result.scenarios.filter((s) => !isKnownFailure(comparison, s, result.target)) : result.scenarios);
}

/**
 * What run's options resolve to before any world starts: the target, the scenarios it can run and those it cannot,
 * and what every world of the run is made with (flaws, simulator options, replay arguments). The run and each of
 * its world processes resolve it from the same options.
 */
export async function runSetup(values: ReturnType<typeof parse<typeof runCommandOptions>>['values'], scenarios: ScenarioDefinition[]) {
  const config = runConfig(values);
  const flaws = config.flaws ?? [];
  const heartbeatSeconds = numberOption(values['target-heartbeat'], 'target-heartbeat');
  const replicas = intOption(values['target-replicas'], 'target-replicas', 1);
  const target = await resolveTarget({ flaws, serverCmd: values['server-cmd'], ...(heartbeatSeconds ? { heartbeatSeconds } : {}), restartable: values['target-restartable'] === true, ...(replicas ? { replicas } : {}) });
  const { runnable, skipped } = runnableOn(target, scenarios);
  const replayArgs = [
    ...(values.profile ? ['--profile', values.profile] : []),
    ...(values['server-cmd'] ? ['--server-cmd', values['server-cmd']] : []),
    ...(values['target-heartbeat'] ? ['--target-heartbeat', values['target-heartbeat']] : []),
    ...(values['target-restartable'] ? ['--target-restartable'] : []),
    ...(values['target-replicas'] ? ['--target-replicas', values['target-replicas']] : []),
  ];
  const worlds = { ...(config.profile ? { sim: { profile: config.profile } } : {}), replayArgs, flaws, server: target.factory };
  return { config, target, runnable, skipped, worlds };
}

/** A world process's side of a run (world-worker.ts): the worlds of the run these options make, by scenario id. */
export async function runWorlds(argv: string[]) {
  const { values, positionals } = parse(argv, runCommandOptions, true);
  const setup = await runSetup(values, selectScenarios(positionals));
  const byId = new Map(setup.runnable.map((s) => [s.id, s]));
  const worlds = worldRunner(setup.worlds);
  return {
    run: async (job: WorldJob): Promise<ScenarioResult> => {
      const scenario = byId.get(job.id);
      if (!scenario) throw new Error(`world process: no scenario '${job.id}' among this run's`);
      return worlds.run(scenario, job.seed);
    },
    close: () => worlds.close(),
  };
}

/** See runUsage: violated (1) beats a harness error (3) beats inconclusive (4); skipped alone is still 0. */
export function exitCodeOf(results: Array<{ status: string }>): number {
  const has = (status: string) => results.some((s) => s.status === status);
  if (has('failed')) return 1;
  if (has('error')) return 3;
  if (has('inconclusive')) return 4;
  return 0;
}

async function loadBaseline(path: string): Promise<Baseline> {
  try {
    return await readBaseline(path);
  } catch (err) {
    if (err instanceof BaselineFileError) throw new UsageError(err.message);
    throw err;
  }
}
