import type { ServerContext } from '../server-context.js';
import type { SessionLifecycle } from './session-lifecycle.js';

export interface ReaperControl {
  /** One sweep now; resolves with what it removed. */
  runOnce(): Promise<{ sessions: string[]; users: string[] }>;
  start(): void;
  stop(): void;
}

/**
 * Seed 003 and 001 #14: a client that just goes away sends nothing, so idle and expired sessions are closed here;
 * users marked needs_reauth with no session left are removed, so memory returns to baseline.
 */
export function createReaper(ctx: ServerContext, lifecycle: SessionLifecycle, closeTransport: (sessionId: string) => Promise<void>): ReaperControl {
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => ctx.activity.run({ via: 'reaper' }, sweep);
  const sweep = async () => {
    const removed = { sessions: [] as string[], users: [] as string[] };
    for (const session of await ctx.store.listSessions()) {
      const reason = lifecycle.expiry(session);
      if (!reason) continue;
      await lifecycle.close(session, reason);
      await closeTransport(session.id);
      removed.sessions.push(session.id);
    }
    const mapped = new Set((await ctx.store.listSessions()).map((s) => s.userId));
    for (const user of await ctx.store.listUsers()) {
      if (user.status !== 'needs_reauth' || mapped.has(user.userId)) continue;
      const gone = await ctx.userLock.run(user.userId, async () => {
        const current = await ctx.store.getUser(user.userId);
        return current?.status === 'needs_reauth' ? ctx.store.deleteUser(user.userId) : undefined;
      });
      if (!gone) continue;
      ctx.events.record({ type: 'user.removed', userId: user.userId, reason: 'needs_reauth and no session left' });
      removed.users.push(user.userId);
    }
    return removed;
  };
  return {
    runOnce,
    start() {
      if (timer || ctx.closing.aborted) return;
      const tick = () => runOnce().catch((err: Error) => ctx.events.record({ type: 'server.error', where: 'reaper', message: err.message }));
      timer = setInterval(() => void ctx.tasks.track(tick()), ctx.config.sessions.reapIntervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
