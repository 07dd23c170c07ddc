import { TokenClient } from '../oidc-sim/index.js';
import { throughput, type Throughput } from './measure.js';
import type { ServerProcess } from './server-process.js';

/**
 * Refresh grants per second against one server: `workers` clients each log in once (untimed), then each refreshes
 * its own chain, always presenting the refresh token the previous refresh returned. A rejected refresh counts as
 * an error and the worker logs in again.
 */
export async function refreshRate(server: ServerProcess, workers: number, limits: { maxOps: number; maxMs: number }): Promise<Throughput> {
  const client = new TokenClient(server.info.issuer, server.info.client);
  const chains = await Promise.all(Array.from({ length: workers }, () => server.login().then((t) => t.refresh_token!)));
  return throughput(workers, limits, async (worker) => {
    const res = await client.refresh(chains[worker]!);
    if (res.status === 200 && typeof res.body.refresh_token === 'string') {
      chains[worker] = res.body.refresh_token;
      return true;
    }
    chains[worker] = (await server.login()).refresh_token!;
    return false;
  });
}
