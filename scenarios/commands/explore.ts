import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REPORT_DIR, redactText, storyLines, storyOf, writeReports } from '../../reports/index.js';
import { harnessDefaults } from '../defaults.js';
import { flawWorkloadNotes, flawWorkloads } from '../explore/flaw-workloads.js';
import { describeCase } from '../explore/explore-case.js';
import { caseRunner, explore, type ExploreResult } from '../explore/explore.js';
import type { ExploreCase } from '../explore/explore-case.js';
import { WorldProcesses } from '../world-processes.js';
import { closeWorldPglite } from '../reference-replicas.js';
import { workloadNamed, workloads } from '../explore/workloads.js';
import { shellQuote } from '../run-scenario.js';
import type { RunResult, ScenarioResult } from '../result-types.js';
import { resolveTarget, targetUsage } from '../targets.js';
import { UsageError } from '../usage-error.js';
import { intOption, numberOption, parse } from './parse.js';
import { parseProfile, profileUsage } from './profile-option.js';

export const exploreReportDir = join(DEFAULT_REPORT_DIR, 'explore');

export const exploreUsage = `oidc-harness explore [options]

Draws cases with fast-check: operations of a few windows and users (login, resume, get_profile, whoami, status,
logout, disconnect, the server's own refresh, calls at once) and a schedule over the simulator's levers (release
orders of gated refreshes, latency, outages, refusals, commit-then-fail, expire-now). Each case runs in a fresh
world and every invariant judges its history. The first violation is shrunk to the smallest case that still
fails, printed step by step with its witness story and a replay line, and its HTML report is written.
Exit codes: 0 no violation; 1 a violation; 2 usage error; 3 a harness error (a bug of ours, shrunk and printed
like a violation); 4 no case could be judged (every one inconclusive).

Options:
  --workload NAME   what cases are drawn from (default ${harnessDefaults.exploreWorkload}):
${workloads.map((w) => `                      ${w.name}: ${w.summary}`).join('\n')}
  --runs N          cases to draw (default ${harnessDefaults.exploreRuns})
  --seed N          fast-check's seed, and every world's (default ${harnessDefaults.seed})
  --time-budget S   stop drawing after S seconds (default: no limit); a shrink in progress finishes
  --shrink-budget N shrink attempts before the smallest failing case so far is reported (default ${harnessDefaults.exploreShrinkBudget})
  --replay PATH     run only the case at fast-check's PATH (printed after a violation), with the same --seed
  --flaw NAME       switch a flaw of the reference server on (repeatable); wide reaches every flaw but these,
                    each reached by its own workload: ${Object.entries(flawWorkloads).map(([f, n]) => `${f}: ${n.workload}`).join(', ')}
  --profile P       the simulator's provider profile (default strict): ${profileUsage}
  --concurrency N   cases running at once, each in its own world (default: cores, at most 4); results never
                    depend on it
  --processes N     child processes the drawn cases are spread over (default 1: all in this process;
                    at most --concurrency); shrinking and --replay run in this process
  --report DIR      where the shrunk case's index.html, results.json and junit.xml go (default ${exploreReportDir})
  --json            print the exploration (coverage, the shrunk case and its verdicts) as JSON on stdout
${targetUsage}`;

/** explore's options; a world process parses the parent's with them (world-worker.ts). */
const exploreOptions = {
  workload: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  'time-budget': { type: 'string' },
  'shrink-budget': { type: 'string' },
  replay: { type: 'string' },
  flaw: { type: 'string', multiple: true },
  profile: { type: 'string' },
  report: { type: 'string' },
  json: { type: 'boolean' },
  concurrency: { type: 'string' },
  processes: { type: 'string' },
  'server-cmd': { type: 'string' },
  'target-heartbeat': { type: 'string' },
} as const;

/** What explore's options resolve to before any case runs; the exploration and each of its world processes share it. */
async function exploreSetup(values: ReturnType<typeof parse<typeof exploreOptions>>['values']) {
  const workload = workloadNamed(values.workload ?? harnessDefaults.exploreWorkload);
  if (workload.replicas && values['server-cmd'] !== undefined) throw new UsageError(`workload ${workload.name} runs the in-process reference server's replicas on one store; a --server-cmd target cannot be explored with it (use a one-server workload)`);
  if (workload.timing && values['server-cmd'] !== undefined) throw new UsageError(`workload ${workload.name} starts the in-process reference server with a drawn heartbeat timing; a --server-cmd target keeps the timing of its own command (use wide)`);
  const runs = intOption(values.runs, 'runs', 1) ?? harnessDefaults.exploreRuns;
  const seed = intOption(values.seed, 'seed') ?? harnessDefaults.seed;
  const timeBudget = numberOption(values['time-budget'], 'time-budget');
  const shrinkBudget = intOption(values['shrink-budget'], 'shrink-budget') ?? harnessDefaults.exploreShrinkBudget;
  const concurrency = intOption(values.concurrency, 'concurrency', 1) ?? harnessDefaults.concurrency();
  const processes = intOption(values.processes, 'processes', 1) ?? harnessDefaults.processes();
  if (values.replay !== undefined && !/^\d+(:\d+)*$/.test(values.replay)) throw new UsageError(`--replay must be a fast-check path such as 12:0:3 (as printed after a violation), got '${values.replay}'`);
  const profile = parseProfile(values.profile);
  const flaws = values.flaw ?? [];
  const heartbeatSeconds = numberOption(values['target-heartbeat'], 'target-heartbeat');
  const target = await resolveTarget({ flaws, serverCmd: values['server-cmd'], ...(heartbeatSeconds ? { heartbeatSeconds } : {}) });
  return { workload, runs, seed, timeBudget, shrinkBudget, concurrency, processes, profile, flaws, target };
}

/** A world process's side of an exploration (world-worker.ts): each case it is sent, run as explore runs it here. */
export async function exploreWorlds(argv: string[]) {
  const setup = await exploreSetup(parse(argv, exploreOptions).values);
  const cases = caseRunner({ workload: setup.workload, seed: setup.seed, flaws: setup.flaws, server: setup.target.factory, ...(setup.profile ? { sim: { profile: setup.profile } } : {}) });
  return { run: (c: ExploreCase) => cases.run(c), close: () => cases.close() };
}

export async function exploreCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, exploreOptions);
  if (values.help) {
    console.log(exploreUsage);
    return 0;
  }
  const { workload, runs, seed, timeBudget, shrinkBudget, concurrency, processes, profile, flaws, target } = await exploreSetup(values);
  const write = (line: string) => process.stderr.write(`${line}\n`);

  const replayArgs = [
    '--workload', workload.name,
    ...(values.profile ? ['--profile', values.profile] : []),
    ...(values['server-cmd'] ? ['--server-cmd', values['server-cmd']] : []),
    ...(values['target-heartbeat'] ? ['--target-heartbeat', values['target-heartbeat']] : []),
  ];
  const replayOf = (path: string) => ['npx oidc-harness explore', '--seed', String(seed), ...flaws.flatMap((f) => ['--flaw', f]), ...[...replayArgs, '--replay', path].map(shellQuote)].join(' ');

  write(values.replay !== undefined ? `replaying case ${values.replay} of workload ${workload.name} (seed ${seed}) against ${target.name}` : `exploring ${runs} case(s) of workload ${workload.name} against ${target.name}, seed ${seed}`);
  for (const line of flawWorkloadNotes(flaws, workload)) write(line);
  const progress = progressLine(write, runs);
  // Drawn cases spread over child processes, each resolving this same exploration from these options (world-worker.ts).
  const spread = values.replay === undefined ? Math.min(processes, concurrency, runs) : 1;
  const children = spread > 1 ? new WorldProcesses<ExploreCase, ScenarioResult>({ count: spread, argv: ['explore', ...argv] }) : undefined;
  const result = await explore({
    workload,
    runs,
    seed,
    flaws,
    server: target.factory,
    ...(profile ? { sim: { profile } } : {}),
    ...(timeBudget ? { timeBudgetMs: timeBudget * 1000 } : {}),
    shrinkBudget,
    ...(values.replay !== undefined ? { replayPath: values.replay } : {}),
    concurrency,
    ...(children ? { elsewhere: { lanes: concurrency, run: (c: ExploreCase, lane: number) => children.run(lane, c) } } : {}),
    onRun: progress,
  }).finally(() => Promise.all([children?.close(), closeWorldPglite()]));
  for (const line of summaryLines(result, values.replay === undefined ? replayOf : undefined)) write(line);
  /** The HTML, JSON and JUnit reports of one explored case, as a run of that one scenario. */
  const report = async (scenario: RunResult['scenarios'][number]) => {
    const run: RunResult = {
      startedAt: new Date(Date.now() - result.durationMs).toISOString(),
      durationMs: result.durationMs,
      seed,
      repeat: 1,
      target: target.name,
      scenarios: [scenario],
      machine: { node: process.version, platform: process.platform, cpus: cpus().length },
    };
    for (const path of await writeReports(run, values.report ?? exploreReportDir)) write(`wrote ${path}`);
  };
  const failure = result.failure;
  if (failure) {
    failure.result.replay = replayOf(failure.path);
    for (const line of failureLines(result, workload, replayOf(failure.path))) write(line);
    await report({ ...failure.result, title: `${failure.result.title}: ${failure.case.steps.length} step(s) after shrinking` });
  } else if (result.replayed) {
    // A replay that did not fail (an inconclusive case looked into, say) still writes its report: its history is what
    // the replay was run for.
    const { case: c, result: r } = result.replayed;
    await report({ ...r, title: `${r.title}: case ${values.replay} replayed (${c.steps.length} step(s))`, replay: replayOf(values.replay!) });
  }
  if (values.json) console.log(JSON.stringify(jsonOf(result, workload, failure ? replayOf(failure.path) : undefined)));
  if (failure) return failure.result.status === 'error' ? 3 : 1;
  const judged = (result.coverage.statuses.passed ?? 0) > 0;
  return judged || result.explored === 0 ? 0 : 4;
}

/** A line every few cases (and at each shrink step), so a long exploration shows it is moving. */
function progressLine(write: (line: string) => void, runs: number) {
  let last = 0;
  const started = performance.now();
  return (p: { phase: string; explored: number; shrinks: number; violations: number }) => {
    const now = performance.now();
    if (p.phase === 'explore' && now - last < 2_000 && p.explored !== runs) return;
    if (p.phase === 'shrink' && now - last < 2_000) return;
    last = now;
    const rate = p.explored / Math.max(0.001, (now - started) / 1000);
    if (p.phase === 'shrink') write(`  shrinking: ${p.shrinks} attempt(s)`);
    else if (p.phase === 'replay') write(`  replayed the case: ${p.violations ? 'it fails again' : 'it passed this time'}`);
    else write(`  explored ${p.explored}/${runs} case(s), ${rate.toFixed(1)}/s, ${p.violations} violation(s)`);
  };
}

/** `replayOf`: the replay line of a drawn case's path, to name each inconclusive case's (not for a replay itself). */
export function summaryLines(r: ExploreResult, replayOf?: (path: string) => string): string[] {
  const s = r.coverage.statuses;
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const seconds = r.durationMs / 1000;
  return [
    `explored ${r.explored} case(s) in ${seconds.toFixed(1)} s${r.interrupted ? ' (time budget reached)' : ''}: ${s.passed ?? 0} passed, ${s.failed ?? 0} failed, ${s.inconclusive ?? 0} inconclusive, ${s.error ?? 0} harness errors`,
    `  operations: ${list(r.coverage.operations)}`,
    `  levers: ${list(r.coverage.faults)}`,
    `  distinct interleavings: ${r.coverage.interleavings}`,
    ...r.coverage.inconclusive.map((c) => `  inconclusive: case ${c.index + 1}: ${redactText(c.reason)}${replayOf ? ` (replay: ${replayOf(String(c.index))})` : ''}`),
  ];
}

function failureLines(r: ExploreResult, workload: Parameters<typeof describeCase>[1], replay: string): string[] {
  const f = r.failure!;
  const users = usersOf(f.result);
  const kind = f.result.status === 'error' ? 'HARNESS ERROR' : 'VIOLATION';
  const lines = [
    `${kind}: shrunk in ${f.shrinks} attempt(s)${f.budgetSpent ? ' (shrink budget spent: a smaller case may exist)' : ''} to ${f.case.steps.length} step(s):`,
    ...describeCase(f.case, workload, users).map((l) => `    ${l}`),
  ];
  for (const v of f.result.verdicts.filter((v) => v.outcome === 'violated')) {
    lines.push(`  ${v.invariant}: ${v.message}${v.witness.length ? ` (witness events ${v.witness.join(', ')})` : ''}`);
    for (const line of storyLines(storyOf(f.result, v))) lines.push(`    ${redactText(line)}`);
  }
  if (f.result.error) lines.push(`  harness error: ${f.result.error.message}${(f.result.error.causes ?? []).map((c) => `\n    caused by ${c}`).join('')}`);
  lines.push(`  replay: ${replay}`);
  return lines;
}

/** Usernames in the order the world created them (the case names users by index). */
function usersOf(result: { history: Array<{ type: string; detail?: Record<string, unknown> }> }): string[] {
  const mark = result.history.find((e) => e.type === 'explore.users');
  return (mark?.detail?.users as string[] | undefined) ?? [];
}

function jsonOf(r: ExploreResult, workload: Parameters<typeof describeCase>[1], replay: string | undefined) {
  const f = r.failure;
  return {
    seed: r.seed,
    workload: workload.name,
    explored: r.explored,
    durationMs: r.durationMs,
    interrupted: r.interrupted,
    coverage: r.coverage,
    ...(f
      ? {
          failure: {
            status: f.result.status,
            steps: describeCase(f.case, workload, usersOf(f.result)),
            case: f.case,
            path: f.path,
            shrinks: f.shrinks,
            replay,
            verdicts: f.result.verdicts.filter((v) => v.outcome !== 'held'),
            ...(f.result.error ? { error: f.result.error } : {}),
          },
        }
      : {}),
  };
}
