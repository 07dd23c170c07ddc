import type { ServerContext } from '../server-context.js';
import type { FailurePolicy } from '../tokens/failure-policy.js';

/**
 * Flaw `no-failure-cleanup` (seed 001 #14): a failed refresh only bumps a counter. The dead tokens stay, the user
 * stays "authenticated", and every heartbeat presents the same dead refresh token again.
 */
export function createKeepFailingPolicy(ctx: ServerContext): FailurePolicy {
  return {
    async onFailure(userId, _error, basis) {
      const updated = await ctx.store.updateUser(userId, (current) => ({ ...current, consecutiveFailures: current.consecutiveFailures + 1, generation: current.generation + 1 }));
      return { retry: false, needsReauth: false, consecutiveFailures: updated?.consecutiveFailures ?? basis.consecutiveFailures + 1 };
    },
  };
}
