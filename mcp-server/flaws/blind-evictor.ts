import type { ServerContext } from '../server-context.js';
import { withoutTokens, type TokenEvictor } from '../tokens/token-evictor.js';

/**
 * Flaw `blind-delete` (seed 003; the public report of a shared credential store whose losing refresher deleted
 * the winner's token): a failed refresher drops whatever tokens are stored now, not the version it failed with.
 * A login or refresh that landed meanwhile, on another replica, is thrown away with it.
 */
export function createBlindEvictor(ctx: ServerContext): TokenEvictor {
  return {
    async evict(userId, _failed, consecutiveFailures) {
      return ctx.store.updateUser(userId, (current) => withoutTokens(current, consecutiveFailures));
    },
  };
}
