import type { ServerContext } from '../server-context.js';
import type { RefreshLock } from '../tokens/refresh-lock.js';

/**
 * Flaw `replica-unlocked-refresh` (seed 003 with 001 #1): single flight per process only. One replica is safe;
 * two replicas of one user each pass their own lock, both present the same refresh token, and the provider
 * detects the reuse and revokes the grant.
 */
export function createProcessRefreshLock(ctx: ServerContext): RefreshLock {
  return { run: (userId, work) => ctx.userLock.run(userId, work) };
}
