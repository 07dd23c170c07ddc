import { TokenClient, loginWithCode } from '../oidc-sim/index.js';
import { throughput, type Throughput } from './measure.js';
import type { ServerProcess } from './server-process.js';

export interface StormOptions {
  workers: number;
  maxMs: number;
  /** A worker abandons its chain and logs in anew this often, so grants and sessions pile up and must expire too. */
  chainMs: number;
}

/**
 * A refresh storm: every worker refreshes its own chain as fast as the server answers and logs in again (over HTTP,
 * from this process, so the server's process holds only the server) whenever its chain is older than `chainMs`.
 */
export function refreshStorm(server: ServerProcess, options: StormOptions): Promise<Throughput & { logins: number }> {
  const { issuer, client, redirectUri, loginHint } = server.info;
  const tokens = new TokenClient(issuer, client);
  const chains: { rt?: string; since: number }[] = Array.from({ length: options.workers }, () => ({ since: 0 }));
  let logins = 0;
  const run = throughput(options.workers, { maxOps: Number.MAX_SAFE_INTEGER, maxMs: options.maxMs }, async (worker) => {
    const chain = chains[worker]!;
    if (!chain.rt || performance.now() - chain.since > options.chainMs) {
      chain.rt = (await loginWithCode(issuer, client, redirectUri!, loginHint!)).refresh_token;
      chain.since = performance.now();
      logins++;
    }
    const res = await tokens.refresh(chain.rt!);
    chain.rt = res.status === 200 ? String(res.body.refresh_token) : undefined;
    return res.status === 200;
  });
  return run.then((t) => ({ ...t, logins }));
}
