import type { ServerContext } from '../server-context.js';
import type { ActivationResult } from '../store/session-store.js';
import type { SessionResolver } from './session-resolver.js';

export type ActivationVia = 'login' | 'resume';

/** Maps a session to a user after a login or resume. Composition point of the `activation-race` flaw. */
export interface SessionActivator {
  activate(sessionId: string, userId: string, via: ActivationVia): Promise<ActivationResult>;
}

/**
 * Seed 001 #3: check-and-set in one store step. A session deleted meanwhile, or a user logged out meanwhile,
 * makes activation fail instead of leaving a mapping that points at nothing.
 */
export function createAtomicActivator(ctx: ServerContext, resolver: SessionResolver): SessionActivator {
  return {
    async activate(sessionId, userId, via) {
      await ctx.pauses.pass('activation', { sessionId, userId });
      const result = await ctx.store.activate(sessionId, userId, { pendingLogin: via === 'login' });
      if (result !== 'activated') {
        ctx.events.record({ type: 'session.activation-failed', sessionId, userId, via, reason: result });
        return result;
      }
      resolver.activated(sessionId);
      ctx.events.record({ type: 'session.activated', sessionId, userId, via });
      return result;
    },
  };
}
