import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import type { Refresher } from '../tokens/refresh-once.js';
import { refreshWithRetry } from './refresh-with-retry.js';

export type StepResult = 'refreshed' | 'failed' | 'not-refreshed';

/** What a cycle does with one user of its snapshot. Composition point of the `heartbeat-after-logout` flaw. */
export interface HeartbeatStep {
  run(snapshot: UserRecord): Promise<StepResult>;
}

/**
 * Seed 001 #4 and #12: the snapshot only says whom to look at. Right before refreshing, the user is read again;
 * one who logged out (or needs re-auth) since the snapshot is left alone, and the refresher itself re-reads
 * under the user's lock, so it never refreshes with a token a logout already revoked. A user whose tokens rotated
 * since the snapshot is left alone too, which bounds refreshes per user and cycle to one (invariant bounded).
 */
export function createRecheckingStep(ctx: ServerContext, refresher: Refresher, marginMs: number): HeartbeatStep {
  return {
    async run(snapshot) {
      const current = await ctx.store.getUser(snapshot.userId);
      if (current?.status !== 'authenticated') return 'not-refreshed';
      // Rotated since the snapshot (a tool call refreshed, or a new login): fresh already; another refresh is only load.
      if (current.refreshTokenHash !== snapshot.refreshTokenHash) return 'not-refreshed';
      // `seen`: a replica that refreshed this user meanwhile wins; this one then uses its tokens (seed 003).
      const outcome = await refreshWithRetry(ctx, refresher, marginMs, snapshot.userId, { seen: current });
      return outcome.ok ? 'refreshed' : outcome.reason === 'gone' ? 'not-refreshed' : 'failed';
    },
  };
}
