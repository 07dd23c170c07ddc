import { consoleReporter } from '../console-reporter.js';
import { runCatalogue } from '../runner.js';
import { selectScenarios } from '../select-scenarios.js';
import { resolveTarget, runnableOn, targetUsage } from '../targets.js';
import { UsageError } from '../usage-error.js';
import { profileUsage } from './profile-option.js';
import { parse, runOptions } from './parse.js';
import { runConfig } from './run-config.js';
import { harnessDefaults } from '../defaults.js';
import { reportersFor, reportOptionsUsage } from './outputs.js';

export const runUsage = `oidc-harness run [ids...] [options]

Runs scenarios (all when no id is given) in fresh worlds and checks every invariant over each history.
Exit 0 when every invariant held, 1 when any failed, 2 for usage errors.

Options:
  --seed N          base seed (default ${harnessDefaults.seed}); repetition k uses a seed derived from it
  --repeat N        run each scenario N times in fresh worlds and report the failure rate (default ${harnessDefaults.repeat})
  --flaw NAME       switch a flaw of the reference server on (repeatable)
  --profile P       the simulator's provider profile (default strict): ${profileUsage}
  --concurrency N   worlds running at once (default: cores, at most 4); verdicts never depend on it
  --json            print the results as JSON on stdout
${reportOptionsUsage}
${targetUsage}`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...runOptions, 'server-cmd': { type: 'string' }, profile: { type: 'string' } },
    true,
  );
  if (values.help) {
    console.log(runUsage);
    return 0;
  }
  const scenarios = selectScenarios(positionals);
  const config = runConfig(values);
  const { seed, repeat, profile } = config;
  const flaws = config.flaws ?? [];
  const target = await resolveTarget({ flaws, serverCmd: values['server-cmd'] });
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters });
  const { runnable, skipped } = runnableOn(target, scenarios);
  if (skipped.length) process.stderr.write(`skipping ${skipped.length} scenario(s) that need a heartbeat on demand, hold points, restarts or replicas, which only the in-process reference server offers: ${skipped.map((s) => s.id).join(', ')}\n`);
  if (runnable.length === 0) throw new UsageError('no scenario left to run against this target');
  const replayArgs = [...(values.profile ? ['--profile', values.profile] : []), ...(values['server-cmd'] ? ['--server-cmd', values['server-cmd']] : [])];
  const result = await runCatalogue({ ...(profile ? { sim: { profile } } : {}), replayArgs, concurrency: config.concurrency, scenarios: runnable, seed, repeat, flaws, server: target.factory, target: target.name, reporters: [consoleReporter(), ...reporters] });
  if (config.json) console.log(JSON.stringify(result));
  if (repeat > 1) printRates(result.scenarios);
  if (result.scenarios.some((s) => s.status === 'error')) throw new UsageError('a scenario could not run (harness error above)');
  return result.scenarios.every((s) => s.status === 'passed') ? 0 : 1;
}

function printRates(results: { id: string; status: string }[]) {
  const byId = new Map<string, { runs: number; failed: number }>();
  for (const r of results) {
    const s = byId.get(r.id) ?? { runs: 0, failed: 0 };
    s.runs++;
    if (r.status !== 'passed') s.failed++;
    byId.set(r.id, s);
  }
  for (const [id, s] of byId) process.stderr.write(`${id}: ${s.failed}/${s.runs} runs failed (${((100 * s.failed) / s.runs).toFixed(0)}%)\n`);
}
