import { TokenClient } from '../oidc-sim/index.js';
import { throughput, type Measure } from './measure.js';
import type { ServerProcess } from './server-process.js';

/**
 * Refresh grants against one server: `workers` clients each log in once (untimed, on first use), then each
 * refreshes its own chain, always presenting the refresh token the previous refresh returned. Chains carry on
 * from one call to the next. A rejected refresh counts as an error and that worker logs in again.
 */
export function refreshRate(server: ServerProcess, workers: number, maxOps: number): Measure {
  const client = new TokenClient(server.info.issuer, server.info.client);
  let chains: string[] | undefined;
  return async (maxMs) => {
    chains ??= await Promise.all(Array.from({ length: workers }, () => server.login().then((t) => t.refresh_token!)));
    const own = chains;
    return throughput(workers, { maxOps, maxMs }, async (worker) => {
      const res = await client.refresh(own[worker]!);
      if (res.status === 200 && typeof res.body.refresh_token === 'string') {
        own[worker] = res.body.refresh_token;
        return true;
      }
      own[worker] = (await server.login()).refresh_token!;
      return false;
    });
  };
}
