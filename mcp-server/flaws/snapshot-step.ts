import type { HeartbeatStep } from '../heartbeat/heartbeat-step.js';
import { refreshWithRetry } from '../heartbeat/refresh-with-retry.js';
import type { ServerContext } from '../server-context.js';
import type { Refresher } from '../tokens/refresh-once.js';

/**
 * Flaw `heartbeat-after-logout` (seed 001 #4): the cycle refreshes with the tokens its snapshot holds, even when
 * the user logged out after the snapshot was taken; the provider sees the revoked refresh token come back.
 */
export function createSnapshotStep(ctx: ServerContext, refresher: Refresher, marginMs: number): HeartbeatStep {
  return {
    async run(snapshot) {
      const outcome = await refreshWithRetry(ctx, refresher, marginMs, snapshot.userId, { basis: snapshot });
      return outcome.ok ? 'refreshed' : outcome.reason === 'gone' ? 'not-refreshed' : 'failed';
    },
  };
}
