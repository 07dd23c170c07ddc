/**
 * Issue 15's acceptance figures, printed as a table: for each flaw, how many drawn cases `explore` (generic
 * two-window workload, in-process reference server) needed to find it, median over seeds, and the size of the
 * shrunk case for the first seed; then clean schedules on the reference server. Slow (every case is a world):
 *   npx tsx bench/explore-figures.ts [--seeds N] [--runs N] [--clean N] [--replays N] [--flaw NAME ...]
 * `--replays N` replays each flaw's shrunk case N times and counts the replays that gave the same verdict.
 */
import { parseArgs } from 'node:util';
import { explore } from '../scenarios/explore/explore.js';
import { workloadNamed } from '../scenarios/explore/workloads.js';
import { referenceServer } from '../scenarios/reference-server.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, runs: { type: 'string' }, clean: { type: 'string' }, flaw: { type: 'string', multiple: true }, 'shrink-budget': { type: 'string' }, replays: { type: 'string' } } });
const replays = Number(values.replays ?? 0);
const seeds = Number(values.seeds ?? 10);
const runs = Number(values.runs ?? 100);
const clean = Number(values.clean ?? 0);
const shrinkBudget = Number(values['shrink-budget'] ?? 150);
const flaws = values.flaw ?? ['global-active-session', 'no-revoke-on-logout', 'non-idempotent-logout', 'close-deletes-tokens', 'unlocked-refresh'];
const workload = workloadNamed('two-windows');
const server = referenceServer();
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};

for (const flaw of flaws) {
  const found: number[] = [];
  let missed = 0;
  const invariants = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await explore({ workload, runs, seed, flaws: [flaw], server, shrinkBudget: 0, shrink: false });
    if (r.failure) {
      found.push(r.explored);
      for (const v of r.failure.result.verdicts) if (v.outcome === 'violated') invariants.add(v.invariant);
      if (r.failure.result.status === 'error') invariants.add(`harness error: ${r.failure.result.error?.message}`);
    } else missed++;
  }
  const shrunk = await explore({ workload, runs, seed: 1, flaws: [flaw], server, shrinkBudget });
  const size = shrunk.failure ? `${shrunk.failure.case.steps.length} step(s) after ${shrunk.failure.shrinks} shrink attempt(s)${shrunk.failure.budgetSpent ? ' (budget spent)' : ''}` : 'not found with seed 1';
  let same = 0;
  const verdictOf = (f: NonNullable<typeof shrunk.failure> | undefined) => (f ? `${f.result.status}:${f.result.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant).join('+')}` : 'passed');
  for (let i = 0; i < replays && shrunk.failure; i++) {
    const again = await explore({ workload, runs, seed: 1, flaws: [flaw], server, shrinkBudget, replayPath: shrunk.failure.path });
    if (verdictOf(again.failure) === verdictOf(shrunk.failure)) same++;
  }
  const replayNote = replays && shrunk.failure ? `; replays with the same verdict: ${same}/${replays}` : '';
  console.log(`${flaw}: runs-to-find median ${median(found)} over ${found.length}/${seeds} seeds [${found.join(', ')}]${missed ? `, not found within ${runs} runs for ${missed} seed(s)` : ''}; invariants: ${[...invariants].join(', ')}; shrunk (seed 1): ${size}${replayNote}`);
}
if (clean) {
  const r = await explore({ workload, runs: clean, seed: 1, flaws: [], server, shrinkBudget: 20 });
  const s = r.coverage.statuses;
  console.log(`clean: ${r.explored} schedules in ${(r.durationMs / 1000).toFixed(0)} s: ${s.passed ?? 0} passed, ${s.failed ?? 0} violations, ${s.inconclusive ?? 0} inconclusive, ${s.error ?? 0} harness errors; ${r.coverage.interleavings} distinct interleavings${r.failure ? `; first failure: ${r.failure.result.verdicts.filter((v) => v.outcome === 'violated').map((v) => `${v.invariant}: ${v.message}`).join('; ')} ${r.failure.result.error?.message ?? ''} (path ${r.failure.path})` : ''}`);
}
