/**
 * Issue 15's acceptance figures, printed as a table: for each flaw, how many drawn cases `explore` needed to find it
 * with a generic workload (median over seeds, in-process reference server), the invariants that caught it, the size
 * of the shrunk case, and how often its replay line gives the same verdict and witness. Slow (every case is a world):
 *   npx tsx bench/explore-figures.ts [--seeds N] [--runs N] [--shrink-budget N] [--replays N] [--clean N]
 *                                    [--workload NAME] [--flaw NAME ...]
 * Without --workload each flaw is explored with the workload that reaches it (scenarios/explore/flaw-workloads.ts:
 * `wide`, `replicas` for the flaws of replicas on one store, `timing` for tight-heartbeat). `--replays N` runs the
 * shrunk case's replay (seed and fast-check path, as the printed replay line does) N times and counts the replays
 * with the same verdict (status and violated invariants) and the same witness (the kinds of the witness events, in
 * order).
 */
import { parseArgs } from 'node:util';
import { flawNames } from '../mcp-server/index.js';
import { workloadNameFor } from '../scenarios/explore/flaw-workloads.js';
import { explore, type ExploreFailure } from '../scenarios/explore/explore.js';
import { workloadNamed } from '../scenarios/explore/workloads.js';
import { referenceServer } from '../scenarios/reference-server.js';
import type { ScenarioResult } from '../scenarios/result-types.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    runs: { type: 'string' },
    clean: { type: 'string' },
    flaw: { type: 'string', multiple: true },
    'shrink-budget': { type: 'string' },
    replays: { type: 'string' },
    workload: { type: 'string' },
  },
});
const count = (name: string, raw: string | undefined, fallback: number) => {
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got '${raw}'`);
  return n;
};
const replays = count('replays', values.replays, 0);
const seeds = count('seeds', values.seeds, 10);
const runs = count('runs', values.runs, 100);
const clean = count('clean', values.clean, 0);
const shrinkBudget = count('shrink-budget', values['shrink-budget'], 150);
const flaws = values.flaw ?? flawNames;
const workloadFor = (flaw: string) => workloadNamed(values.workload ?? workloadNameFor(flaw));
const server = referenceServer();
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const violatedOf = (r: ScenarioResult) => r.verdicts.filter((v) => v.outcome === 'violated');
/** What a replay must give again: the status and the violated invariants. */
const verdictOf = (r: ScenarioResult | undefined) => (r ? `${r.status}:${violatedOf(r).map((v) => v.invariant).join('+')}` : 'passed');
/** The witness as kinds of events (who did what), not their sequence numbers: a replay's history has its own. */
const witnessOf = (r: ScenarioResult | undefined) =>
  r
    ? violatedOf(r)
        .map((v) =>
          v.witness
            .map((seq) => r.history.find((e) => e.seq === seq))
            .map((e) => (e ? `${e.source.kind}${'window' in e.source ? `:${String(e.source.window)}` : ''}:${e.type}${e.detail?.tool ? `:${String(e.detail.tool)}` : ''}` : '?'))
            .join(','),
        )
        .join(' / ')
    : '';

console.log(`| flaw | workload | cases to find it (median over ${seeds} seeds) | found by | shrunk case |${replays ? ` same verdict and witness on replay |` : ''}`);
console.log(`|---|---|---|---|---|${replays ? '---|' : ''}`);
for (const flaw of flaws) {
  const workload = workloadFor(flaw);
  const found: number[] = [];
  let missed = 0;
  let firstSeed: number | undefined;
  const invariants = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await explore({ workload, runs, seed, flaws: [flaw], server, shrinkBudget: 0, shrink: false });
    if (r.failure) {
      found.push(r.explored);
      firstSeed ??= seed;
      for (const v of violatedOf(r.failure.result)) invariants.add(v.invariant);
      if (r.failure.result.status === 'error') invariants.add(`harness error: ${r.failure.result.error?.message}`);
    } else missed++;
    process.stderr.write(`  ${flaw} seed ${seed}: ${r.failure ? `found after ${r.explored} case(s)` : `not found in ${r.explored} case(s)`}\n`);
  }
  // Shrunk (and replayed) at the first seed that found it: seed 1 when it did.
  const shrunkSeed = firstSeed ?? 1;
  // --shrink-budget 0 without --replays: runs-to-find only.
  const skipShrink = firstSeed === undefined || (shrinkBudget === 0 && replays === 0);
  const shrunk: ExploreFailure | undefined = skipShrink ? undefined : (await explore({ workload, runs, seed: shrunkSeed, flaws: [flaw], server, shrinkBudget })).failure;
  const size = skipShrink && firstSeed !== undefined ? 'not shrunk' : shrunk ? `${shrunk.case.steps.length} step(s)${shrunkSeed !== 1 ? ` (seed ${shrunkSeed})` : ''}${shrunk.budgetSpent ? `, shrink budget spent (${shrunk.shrinks})` : ''}` : 'not found';
  let same = 0;
  for (let i = 0; i < replays && shrunk; i++) {
    const again = await explore({ workload, runs, seed: shrunkSeed, flaws: [flaw], server, shrinkBudget, replayPath: shrunk.path });
    if (verdictOf(again.failure?.result) === verdictOf(shrunk.result) && witnessOf(again.failure?.result) === witnessOf(shrunk.result)) same++;
    else process.stderr.write(`  ${flaw} replay ${i + 1}: ${verdictOf(again.failure?.result)} [${witnessOf(again.failure?.result)}], shrunk case gave ${verdictOf(shrunk.result)} [${witnessOf(shrunk.result)}]\n`);
  }
  const cases = found.length ? `${median(found)} (${found.join(', ')}${missed ? `; ${missed} seed(s) not within ${runs}` : ''})` : `not within ${runs} in ${seeds} seed(s)`;
  console.log(`| \`${flaw}\` | ${workload.name} | ${cases} | ${[...invariants].join(', ') || '-'} | ${size} |${replays ? ` ${shrunk ? `${same}/${replays}` : '-'} |` : ''}`);
  if (shrunk) process.stderr.write(`  ${flaw} replay: npx oidc-harness explore --seed ${shrunkSeed} --flaw ${flaw} --workload ${workload.name} --replay ${shrunk.path}\n`);
}
if (clean) {
  const workload = workloadNamed(values.workload ?? 'wide');
  const r = await explore({ workload, runs: clean, seed: 1, flaws: [], server, shrinkBudget: 20 });
  const s = r.coverage.statuses;
  console.log(`clean (${workload.name}): ${r.explored} schedules in ${(r.durationMs / 1000).toFixed(0)} s: ${s.passed ?? 0} passed, ${s.failed ?? 0} violations, ${s.inconclusive ?? 0} inconclusive, ${s.error ?? 0} harness errors; ${r.coverage.interleavings} distinct interleavings${r.failure ? `; first failure: ${violatedOf(r.failure.result).map((v) => `${v.invariant}: ${v.message}`).join('; ')} ${r.failure.result.error?.message ?? ''} (path ${r.failure.path})` : ''}`);
}
