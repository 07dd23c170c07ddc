import type { ServerContext } from '../server-context.js';
import type { SessionCloseReason } from '../server-events.js';
import type { SessionRecord } from '../store/session-store.js';
import type { SessionCloser } from './session-closer.js';

export interface SessionLifecycle {
  open(sessionId: string): Promise<void>;
  /**
   * Idempotent: the first close of a session does the work, later ones find nothing. A listed record is closed by
   * its key when it has one (a hashing store's session this process may never have seen the id of).
   */
  close(session: string | SessionRecord, reason: SessionCloseReason): Promise<void>;
  /** Why a session must not be served any more, if it must not (seed 003). */
  expiry(session: SessionRecord): 'idle' | 'expired' | undefined;
}

export function createSessionLifecycle(ctx: ServerContext, closer: SessionCloser): SessionLifecycle {
  const { idleTimeoutMs, absoluteLifetimeMs } = ctx.config.sessions;
  return {
    async open(sessionId) {
      const now = ctx.now();
      await ctx.store.createSession({ id: sessionId, createdAt: now, lastSeenAt: now, expiresAt: now + absoluteLifetimeMs });
      ctx.events.record({ type: 'session.opened', sessionId, ...(await ctx.counts()) });
    },
    async close(which, reason) {
      const session =
        typeof which === 'string' ? await ctx.store.deleteSession(which) : which.key ? await ctx.store.deleteSessionByKey(which.key) : await ctx.store.deleteSession(which.id);
      if (!session) return;
      const sessionId = session.id;
      const { tokensDeleted } = await closer.closed(session, reason);
      ctx.events.record({
        type: 'session.closed',
        sessionId,
        ...(session.userId ? { userId: session.userId } : {}),
        reason,
        tokensDeleted,
        ...(await ctx.counts()),
      });
    },
    expiry(session) {
      const now = ctx.now();
      if (now >= session.expiresAt) return 'expired';
      if (now - session.lastSeenAt >= idleTimeoutMs) return 'idle';
      return undefined;
    },
  };
}
