import type { ServerContext } from '../server-context.js';
import type { SessionCloser } from '../sessions/session-closer.js';

/**
 * Flaw `close-deletes-tokens` (seed 000, before its fix): closing a session deletes the user's tokens, as if
 * it were a logout (and without revoking them). Reconnecting needs a new login; the user's other windows lose theirs.
 */
export function createDeleteTokensCloser(ctx: ServerContext): SessionCloser {
  return {
    async closed(session) {
      if (!session.userId) return { tokensDeleted: false };
      return { tokensDeleted: (await ctx.store.deleteUser(session.userId)) !== undefined };
    },
  };
}
