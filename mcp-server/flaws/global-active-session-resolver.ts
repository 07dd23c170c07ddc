import type { ServerContext } from '../server-context.js';
import type { SessionResolver } from '../sessions/session-resolver.js';

/**
 * Flaw `global-active-session` (seed 001 #9): one `active session` for the whole server. The last session to
 * log in or resume wins, and every other window's tool calls run with that session's user and tokens.
 */
export function createGlobalActiveSessionResolver(ctx: ServerContext): SessionResolver {
  let active: string | undefined;
  return {
    async userOf() {
      return active === undefined ? undefined : (await ctx.store.getSession(active))?.userId;
    },
    activated(sessionId) {
      active = sessionId;
    },
  };
}
