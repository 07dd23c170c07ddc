import type { Benchmark } from './benchmark.js';
import { compareRefresh } from './compare.js';
import { ServerProcess } from './server-process.js';
import { THROUGHPUT_SIM_OPTIONS } from './sim-vs-bare-provider.js';

/** "What a user would otherwise pick": a stateless mock that signs whatever it is asked for. */
export const simVsMockServer: Benchmark = {
  name: 'sim-vs-mock-server',
  title: 'oidc-sim vs oauth2-mock-server',
  async run(ctx) {
    ctx.progress('starting oidc-sim and oauth2-mock-server');
    const sim = await ServerProcess.start({ kind: 'sim', options: THROUGHPUT_SIM_OPTIONS });
    const mock = await ServerProcess.start({ kind: 'mock-server', alg: sim.info.idTokenAlg! });
    const project = { name: 'oidc-sim', server: sim };
    const baseline = { name: 'oauth2-mock-server', server: mock };
    try {
      const rows = [await compareRefresh(ctx, 1, project, baseline), await compareRefresh(ctx, ctx.settings.concurrency, project, baseline)];
      return {
        rows,
        notes: [
          `oauth2-mock-server keeps no token state: it accepts any refresh token, signs a JWT access token and an id_token (${sim.info.idTokenAlg}) per request, and never detects reuse or expiry`,
          'oidc-sim stores, rotates and checks every token and signs one id_token per refresh (opaque access token); no target, the ratio is the price of real token state',
        ],
      };
    } finally {
      await Promise.all([sim.close(), mock.close()]);
    }
  },
};
