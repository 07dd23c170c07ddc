import type { Benchmark, Target } from './benchmark.js';
import { compareLogins, compareRefresh } from './compare.js';
import { ServerProcess } from './server-process.js';
import type { TargetInfo } from './bench-target.js';

const TARGET: Target = { op: '>=', value: 0.9 };
/** Real-time lifetimes (refresh token 30 s): no chain in a round comes near expiry. */
export const THROUGHPUT_SIM_OPTIONS = { timeScale: 1 };

/** The two servers must differ only in what the simulator adds: a baseline configured otherwise measures nothing. */
export function assertSameConfiguration(sim: TargetInfo, bare: TargetInfo): void {
  const facts = (t: TargetInfo) => JSON.stringify({ alg: t.idTokenAlg, lifetimes: t.lifetimes, clients: t.clients, redirectUri: t.redirectUri });
  if (facts(sim) !== facts(bare)) throw new Error(`bench sim-vs-bare-provider: the baseline is configured unlike the simulator: ${facts(bare)} vs ${facts(sim)}`);
}

export const simVsBareProvider: Benchmark = {
  name: 'sim-vs-bare-provider',
  title: 'oidc-sim vs bare oidc-provider',
  async run(ctx) {
    ctx.progress('starting oidc-sim and a bare oidc-provider');
    const sim = await ServerProcess.start({ kind: 'sim', options: THROUGHPUT_SIM_OPTIONS });
    const bare = await ServerProcess.start({ kind: 'bare-provider', options: THROUGHPUT_SIM_OPTIONS });
    const project = { name: 'oidc-sim', server: sim };
    const baseline = { name: 'bare oidc-provider', server: bare };
    try {
      assertSameConfiguration(sim.info, bare.info);
      const rows = [
        await compareRefresh(ctx, 1, project, baseline, TARGET),
        await compareRefresh(ctx, ctx.settings.concurrency, project, baseline, TARGET),
        await compareLogins(ctx, project, baseline, TARGET),
      ];
      return {
        rows,
        notes: [
          `both ${sim.info.idTokenAlg} id_tokens, refresh token ${sim.info.lifetimes!.refreshToken} s, rotation on, same two clients; each server in its own process, load from the parent`,
          'adapter differs by design: oidc-sim keeps every live record and evicts expired ones (token store); the bare provider uses oidc-provider\'s default memory adapter (LRU, 1 000 entries, drops live tokens under load)',
          'the bare provider has no fault layer, ledger, refresh serializer, control or resource API',
        ],
      };
    } finally {
      await Promise.all([sim.close(), bare.close()]);
    }
  },
};
