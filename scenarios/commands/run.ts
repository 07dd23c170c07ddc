import { BaselineFileError, compareWithBaseline, isKnownFailure, readBaseline, repeatLines, repeatSummary, withBaseline, type Baseline } from '../../reports/index.js';
import { consoleReporter } from '../console-reporter.js';
import { runCatalogue } from '../runner.js';
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

export async function runCommand(argv: string[]): Promise<number> {
  const mode = modeArgs(argv);
  if (mode.resource) return (await import('../resource-mode/run-resource-command.js')).runResourceCommand(mode.rest);
  argv = mode.rest;
  const { values, positionals } = parse(
    argv,
    { ...runOptions, 'server-cmd': { type: 'string' }, 'target-heartbeat': { type: 'string' }, 'target-restartable': { type: 'boolean' }, 'target-replicas': { type: 'string' }, profile: { type: 'string' }, baseline: { type: 'string' }, shard: { type: 'string' } },
    true,
  );
  if (values.help) {
    console.log(runUsage);
    return 0;
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const selected = selectScenarios(positionals);
  const scenarios = shard ? shardOf(selected, shard) : selected;
  if (shard) process.stderr.write(`shard ${shard.index}/${shard.total}: ${scenarios.length} of ${selected.length} scenarios${scenarios.length ? '' : ' (nothing to run in this part)'}\n`);
  const config = runConfig(values);
  const { seed, repeat, profile } = config;
  const flaws = config.flaws ?? [];
  const heartbeatSeconds = numberOption(values['target-heartbeat'], 'target-heartbeat');
  const replicas = intOption(values['target-replicas'], 'target-replicas', 1);
  const target = await resolveTarget({ flaws, serverCmd: values['server-cmd'], ...(heartbeatSeconds ? { heartbeatSeconds } : {}), restartable: values['target-restartable'] === true, ...(replicas ? { replicas } : {}) });
  const baseline = values.baseline === undefined ? undefined : await loadBaseline(values.baseline);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters, json: config.json });
  const { runnable, skipped } = runnableOn(target, scenarios);
  // A shard may hold nothing this target can run; its (empty) results still belong in the merge.
  if (runnable.length === 0 && !shard) throw new UsageError('no scenario left to run against this target');
  const replayArgs = [
    ...(values.profile ? ['--profile', values.profile] : []),
    ...(values['server-cmd'] ? ['--server-cmd', values['server-cmd']] : []),
    ...(values['target-heartbeat'] ? ['--target-heartbeat', values['target-heartbeat']] : []),
    ...(values['target-restartable'] ? ['--target-restartable'] : []),
    ...(values['target-replicas'] ? ['--target-replicas', values['target-replicas']] : []),
  ];
  const result = await runCatalogue({ ...(profile ? { sim: { profile } } : {}), replayArgs, concurrency: config.concurrency, scenarios: runnable, skipped, seed, repeat, flaws, server: target.factory, target: target.name, ...(shard ? { shard } : {}), reporters: [consoleReporter({ baseline }), ...reporters].map((r) => (baseline ? withBaseline(r, baseline) : r)) });
  const comparison = baseline && compareWithBaseline(baseline, result);
  if (config.json) console.log(JSON.stringify(comparison ? { ...result, baseline: comparison } : result));
  if (repeat > 1) for (const line of repeatLines(repeatSummary(result))) process.stderr.write(`${line}\n`);
  // With a baseline, a failure it lists does not count; everything else decides the exit code as usual.
  return exitCodeOf(comparison ? result.scenarios.filter((s) => !isKnownFailure(comparison, s, result.target)) : result.scenarios);
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
