import type { ServerContext } from '../server-context.js';
import type { SessionResolver } from '../sessions/session-resolver.js';
import { tryOpenSecrets } from '../tokens/user-record.js';
import type { LogoutAnswer, LogoutRepeat } from './logout-repeat.js';
import type { RefreshLock } from '../tokens/refresh-lock.js';
import type { Revoker } from './revoker.js';

export type Logout = (sessionId: string) => Promise<LogoutAnswer>;

/**
 * Logout is per user (DESIGN; seed 000, 001 #7, #15, seed 002, 003): under the user's refresh lock, across replicas, so it waits for a refresh
 * in flight and revokes the newest token, the user's record (tokens and resume credentials) and this session's
 * mapping go in one step; then the refresh token is revoked at the provider. The user's other sessions keep their
 * mapping but find no tokens, so they answer "not authenticated" rather than anything stale.
 */
export function createLogout(ctx: ServerContext, deps: { resolver: SessionResolver; revoker: Revoker; repeat: LogoutRepeat; lock: RefreshLock }): Logout {
  return async (sessionId) => {
    const userId = await deps.resolver.userOf(sessionId);
    const forget = () => ctx.store.updateSession(sessionId, ({ userId: _u, ...s }) => ({ ...s, loginPending: false, loggedOut: true }));
    if (!userId) {
      await forget();
      return deps.repeat.answer();
    }
    // The refresh lock: this process's lock on the user, then the store's, which replicas share, so a refresh in flight
    // on another replica finishes first and none starts with the token this logout revokes (found by explore:
    // replicas, seed 105, a refresh held at the provider on one replica while the other logged the user out).
    const removed = await deps.lock.run(userId, async () => {
      const user = await ctx.store.deleteUser(userId);
      await forget();
      return user;
    });
    const secrets = removed && tryOpenSecrets(ctx, removed);
    let revoked = false;
    if (secrets) {
      await ctx.pauses.pass('logout.before-revoke', { sessionId, userId });
      revoked = await deps.revoker.revoke(secrets);
    }
    ctx.events.record({ type: 'logout', sessionId, userId, revoked, alreadyLoggedOut: !removed, ...(await ctx.counts()) });
    return removed ? { logged_out: true, revoked, already_logged_out: false } : deps.repeat.answer();
  };
}
