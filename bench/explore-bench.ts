import { harnessDefaults } from '../scenarios/defaults.js';
import { explore, type ExploreResult } from '../scenarios/explore/explore.js';
import { workloadNamed } from '../scenarios/explore/workloads.js';
import { referenceServer } from '../scenarios/reference-server.js';
import type { ExploreCase } from '../scenarios/explore/explore-case.js';
import type { ScenarioResult } from '../scenarios/result-types.js';
import { WorldProcesses } from '../scenarios/world-processes.js';
import type { Benchmark, Row } from './benchmark.js';
import { spreadOver, worldProcessBin } from './bundled-cli.js';
import { summarize } from './measure.js';

/**
 * `npm run bench -- explore`: schedules explored per second by `oidc-harness explore` with the two-window workload
 * against the clean in-process reference server, in the same round and on the same cases (same seed):
 * - the drawn cases spread over child processes, as the CLI runs them (`--processes`, default the cores), against
 *   all of them in this one process; issue 18's goal for a two-window workload is 20 schedules per second;
 * - in this process, simulators and servers reused (reset between cases) against a fresh simulator and server per case.
 * Every explored case must also pass: violations and harness errors on the reference server are counted and held to 0.
 */
export const exploreBench: Benchmark = {
  name: 'explore',
  title: 'explore: schedules per second (two-window workload, reference server), over child processes vs one process; reset vs fresh worlds',
  async run(ctx) {
    const workload = workloadNamed('two-windows');
    // V8 is still compiling the hot paths for the first hundred or so cases of a process (the rate climbs from about
    // 14/s to over 30/s over two processes on this box): each side runs `warm` untimed cases first, so the rate is the
    // one a long exploration keeps, and what warming costs is in the notes.
    const cases = ctx.settings.quick ? 10 : 200;
    const warm = ctx.settings.quick ? 3 : 100;
    const rounds = ctx.settings.quick ? 1 : 3;
    const concurrency = harnessDefaults.concurrency();
    const processes = spreadOver(concurrency);
    const server = referenceServer();
    const spread: number[] = [];
    const reused: number[] = [];
    const fresh: number[] = [];
    const childStartMs: number[] = [];
    const warmRates: number[] = [];
    const warmCases = Math.max(warm, processes);
    let bad = 0;
    let explored = 0;
    const interleavings: number[] = [];
    const tally = (r: ExploreResult) => {
      bad += (r.coverage.statuses.failed ?? 0) + (r.coverage.statuses.error ?? 0);
      explored += r.explored;
      interleavings.push(r.coverage.interleavings);
      return r.explored / (r.durationMs / 1000);
    };
    const one = async (reuse: boolean, seed: number): Promise<number> => tally(await explore({ workload, runs: cases, seed, flaws: [], server, shrinkBudget: 0, shrink: false, reuse, concurrency }));
    // The children are started and warmed (`warmCases` cases, untimed) before the timed cases, as module loading and
    // warm-up are not timed on the in-process side either; what starting and warming them costs is in the notes.
    const overProcesses = async (seed: number): Promise<number> => {
      const children = new WorldProcesses<ExploreCase, ScenarioResult>({ count: processes, argv: ['explore', '--workload', workload.name, '--seed', String(seed)], ...(worldProcessBin() ? { bin: worldProcessBin()! } : {}) });
      const elsewhere = { lanes: concurrency, run: (c: ExploreCase, lane: number) => children.run(lane, c) };
      try {
        const started = performance.now();
        await explore({ workload, runs: warmCases, seed: seed + 1000, flaws: [], server, shrinkBudget: 0, shrink: false, elsewhere });
        childStartMs.push(performance.now() - started);
        warmRates.push(warmCases / ((performance.now() - started) / 1000));
        return tally(await explore({ workload, runs: cases, seed, flaws: [], server, shrinkBudget: 0, shrink: false, elsewhere }));
      } finally {
        await children.close();
      }
    };
    ctx.progress(`warm-up: ${warm} untimed cases on each side`);
    await explore({ workload, runs: warm, seed: 99, flaws: [], server, shrinkBudget: 0, shrink: false, reuse: true });
    await explore({ workload, runs: warm, seed: 99, flaws: [], server, shrinkBudget: 0, shrink: false, reuse: false });
    for (let round = 0; round < rounds; round++) {
      const seed = 1 + round;
      // Alternate which side goes first, so load from elsewhere on the machine hits all alike.
      ctx.progress(`round ${round + 1}/${rounds}: ${cases} cases over ${processes} processes, in this process on reset simulators and servers, and on fresh ones (seed ${seed})`);
      if (round % 2 === 0) {
        spread.push(await overProcesses(seed));
        reused.push(await one(true, seed));
        fresh.push(await one(false, seed));
      } else {
        fresh.push(await one(false, seed));
        reused.push(await one(true, seed));
        spread.push(await overProcesses(seed));
      }
    }
    const rows: Row[] = [
      {
        metric: `schedules per second (two-windows, ${cases} cases per round after ${warmCases} warm-up, ${concurrency} at once over ${processes} processes)`,
        unit: '/s',
        project: summarize(spread),
        baseline: summarize(reused),
        baselineName: `${concurrency} at once in one process`,
        ratio: summarize(spread.map((r, i) => r / reused[i]!)),
        target: { op: '>=', value: 20, of: 'measured' },
        note: `distinct interleavings per exploration: ${interleavings.join(', ')}`,
      },
      {
        metric: `schedules per second in one process (two-windows, ${cases} cases per round)`,
        unit: '/s',
        project: summarize(reused),
        baseline: summarize(fresh),
        baselineName: 'a fresh simulator and server per case',
        ratio: summarize(reused.map((r, i) => r / fresh[i]!)),
      },
      { metric: `violations and harness errors in ${explored} clean schedules`, unit: 'count', project: summarize([bad]), target: { op: '<=', value: 0, of: 'measured' }, digits: 0 },
    ];
    return {
      rows,
      notes: [
        `Each case runs its own windows, ${concurrency} case(s) at a time (the default concurrency of a run); simulators and reference servers are reused, one pair per running case. A simulator's reset: tokens, grants, ledger, faults and gates go, and what a case left in flight is waited for; users, clients and keys stay. A server's reset: sessions, transports, store, events, holds, locks and flaw state go; its address, master key and connections to the provider stay.`,
        `Over processes: ${processes} children (\`oidc-harness world-worker explore\`, ${worldProcessBin() ? 'the bundled CLI' : 'the sources through tsx'}), the cases drawn and judged here; starting them and running their first ${warmCases} cases (untimed) took ${childStartMs.map((ms, i) => `${(ms / 1000).toFixed(1)} s (${warmRates[i]!.toFixed(1)}/s)`).join(', ')}: the rate of a short exploration, start and warm-up included.`,
      ],
    };
  },
};
