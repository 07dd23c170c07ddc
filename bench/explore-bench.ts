import { harnessDefaults } from '../scenarios/defaults.js';
import { explore, type ExploreResult } from '../scenarios/explore/explore.js';
import { workloadNamed } from '../scenarios/explore/workloads.js';
import { referenceServer } from '../scenarios/reference-server.js';
import type { Benchmark, Row } from './benchmark.js';
import { summarize } from './measure.js';

/**
 * `npm run bench -- explore`: schedules explored per second by `oidc-harness explore` with the two-window workload
 * against the clean in-process reference server, reusing simulators and servers (reset between cases) against the
 * baseline of a fresh simulator and server per case, in the same round and the same cases (same seed). Issue 18's goal for a
 * two-window workload is 20 schedules per second. Every explored case must also pass: violations and harness
 * errors on the reference server are counted and held to 0.
 */
export const exploreBench: Benchmark = {
  name: 'explore',
  title: 'explore: schedules per second (two-window workload, reference server in-process), simulator and server reset vs fresh',
  async run(ctx) {
    const workload = workloadNamed('two-windows');
    const cases = ctx.settings.quick ? 10 : 30;
    const rounds = ctx.settings.quick ? 1 : 3;
    const server = referenceServer();
    const reused: number[] = [];
    const fresh: number[] = [];
    let bad = 0;
    let explored = 0;
    const interleavings: number[] = [];
    const one = async (reuse: boolean, seed: number): Promise<number> => {
      const r: ExploreResult = await explore({ workload, runs: cases, seed, flaws: [], server, shrinkBudget: 0, shrink: false, reuse });
      bad += (r.coverage.statuses.failed ?? 0) + (r.coverage.statuses.error ?? 0);
      explored += r.explored;
      interleavings.push(r.coverage.interleavings);
      return r.explored / (r.durationMs / 1000);
    };
    ctx.progress('warm-up: 3 untimed cases on each side');
    await explore({ workload, runs: 3, seed: 99, flaws: [], server, shrinkBudget: 0, shrink: false, reuse: true });
    await explore({ workload, runs: 3, seed: 99, flaws: [], server, shrinkBudget: 0, shrink: false, reuse: false });
    for (let round = 0; round < rounds; round++) {
      const seed = 1 + round;
      // Alternate which side goes first, so load from elsewhere on the machine hits both alike.
      ctx.progress(`round ${round + 1}/${rounds}: ${cases} cases on reset simulators and servers, ${cases} on fresh ones (seed ${seed})`);
      if (round % 2 === 0) {
        reused.push(await one(true, seed));
        fresh.push(await one(false, seed));
      } else {
        fresh.push(await one(false, seed));
        reused.push(await one(true, seed));
      }
    }
    const rows: Row[] = [
      {
        metric: `schedules per second (two-windows, ${cases} cases per round)`,
        unit: '/s',
        project: summarize(reused),
        baseline: summarize(fresh),
        baselineName: 'a fresh simulator and server per case',
        ratio: summarize(reused.map((r, i) => r / fresh[i]!)),
        target: { op: '>=', value: 20, of: 'measured' },
        note: `distinct interleavings per round: ${interleavings.join(', ')}`,
      },
      { metric: `violations and harness errors in ${explored} clean schedules`, unit: 'count', project: summarize([bad]), target: { op: '<=', value: 0, of: 'measured' }, digits: 0 },
    ];
    return {
      rows,
      notes: [
        `Each case runs its own windows, ${harnessDefaults.concurrency()} case(s) at a time (the default concurrency of a run); simulators and reference servers are reused, one pair per running case. A simulator's reset: tokens, grants, ledger, faults and gates go, and what a case left in flight is waited for; users, clients and keys stay. A server's reset: sessions, transports, store, events, holds, locks and flaw state go; its address, master key and connections to the provider stay.`,
      ],
    };
  },
};
