import type { ServerContext } from '../server-context.js';

/** Who may refresh a user's tokens when. Composition point of the `replica-unlocked-refresh` flaw. */
export interface RefreshLock {
  run<T>(userId: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Single flight across replicas (seed 003, 001 #1): the user's lock in this process, then the user's lock in the
 * store, which every replica on that store shares (a PostgreSQL advisory lock). A replica waiting here re-reads
 * the record once it holds the lock and uses the winner's tokens instead of presenting a rotated refresh token.
 */
export function createStoreRefreshLock(ctx: ServerContext): RefreshLock {
  // Said out loud: a replica queued here sends no refresh until the holder is done (what a scenario can await).
  // The wait and the holding are counted too (ctx.activity): a harness tells a replica queued behind a held one
  // from one whose lock is on its way.
  return {
    run: (userId, work) =>
      ctx.userLock.run(userId, () => {
        let waited: (() => void) | undefined;
        const locked = async () => {
          waited?.();
          const release = ctx.activity.holdingStoreLock(userId);
          try {
            return await work();
          } finally {
            release();
          }
        };
        return ctx.store.lockUser(userId, locked, () => {
          waited = ctx.activity.waiting('store-lock', userId);
          ctx.events.record({ type: 'refresh.waiting', userId });
        });
      }),
  };
}
