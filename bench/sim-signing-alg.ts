import type { Benchmark } from './benchmark.js';
import { compareRefresh } from './compare.js';
import { ServerProcess } from './server-process.js';
import { THROUGHPUT_SIM_OPTIONS } from './sim-vs-bare-provider.js';

/** The cost of the id_token signing algorithm: the simulator signs one id_token per refresh. */
export const simSigningAlg: Benchmark = {
  name: 'sim-signing-alg',
  title: 'oidc-sim RS256 vs ES256 id_tokens',
  async run(ctx) {
    ctx.progress('starting oidc-sim with RS256 and with ES256');
    const rs = await ServerProcess.start({ kind: 'sim', options: { ...THROUGHPUT_SIM_OPTIONS, idTokenAlg: 'RS256' } });
    const es = await ServerProcess.start({ kind: 'sim', options: { ...THROUGHPUT_SIM_OPTIONS, idTokenAlg: 'ES256' } });
    const project = { name: 'oidc-sim RS256', server: rs };
    const baseline = { name: 'oidc-sim ES256', server: es };
    try {
      const rows = [await compareRefresh(ctx, 1, project, baseline), await compareRefresh(ctx, ctx.settings.concurrency, project, baseline)];
      return { rows, notes: ['ratio = RS256 / ES256 (2048-bit RSA key, P-256 key); no target, it informs the default idTokenAlg'] };
    } finally {
      await Promise.all([rs.close(), es.close()]);
    }
  },
};
