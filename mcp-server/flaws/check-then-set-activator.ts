import type { ServerContext } from '../server-context.js';
import type { SessionActivator } from '../sessions/session-activator.js';
import type { SessionResolver } from '../sessions/session-resolver.js';

/**
 * Flaw `activation-race` (seed 001 #3): activation checks that the session and user exist, then writes the
 * mapping later with an upsert. A session closed in between is written back, dangling, mapped to the user.
 */
export function createCheckThenSetActivator(ctx: ServerContext, resolver: SessionResolver): SessionActivator {
  return {
    async activate(sessionId, userId, via) {
      const session = await ctx.store.getSession(sessionId);
      const user = await ctx.store.getUser(userId);
      if (!session || !user) {
        const reason = session ? 'no-user' : 'no-session';
        ctx.events.record({ type: 'session.activation-failed', sessionId, userId, via, reason });
        return reason;
      }
      await ctx.pauses.pass('activation', { sessionId, userId });
      await ctx.store.putSession({ ...session, userId, loginPending: false, loggedOut: false });
      resolver.activated(sessionId);
      ctx.events.record({ type: 'session.activated', sessionId, userId, via });
      return 'activated';
    },
  };
}
