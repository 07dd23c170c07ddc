import type { ServerContext } from '../server-context.js';
import { sleep } from '../support/sleep.js';
import type { RefreshOutcome, Refresher } from '../tokens/refresh-once.js';
import type { UserRecord } from '../store/session-store.js';

/**
 * Seed 001 #14 and the "OIDC briefly unavailable" scenario: a transient failure is retried with exponential
 * backoff, but only while the refresh token can still be alive (minus the latency margin) when the retry lands.
 */
export async function refreshWithRetry(
  ctx: ServerContext,
  refresher: Refresher,
  marginMs: number,
  userId: string,
  { basis, seen }: { basis?: UserRecord; seen?: UserRecord } = {},
): Promise<RefreshOutcome> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await refresher.refresh(userId, { trigger: 'heartbeat', ...(basis ? { basis } : {}), ...(seen ? { seen } : {}) });
    if (outcome.ok || !outcome.retry) return outcome;
    const delay = ctx.config.heartbeat.retryBackoffMs * 2 ** attempt;
    const current = await ctx.store.getUser(userId);
    const deadline = current?.refreshExpiresAt ?? 0;
    if (!current || ctx.now() + delay + marginMs >= deadline) return outcome;
    if (!(await sleep(delay, ctx.closing))) return outcome;
    // A caller that pinned a version retries from the one the failure was counted on.
    if (basis) basis = current;
  }
}
