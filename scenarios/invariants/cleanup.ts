import { held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/**
 * Seed 001 #14, seed 003: users that failed, expired or logged out are gone. Black-box: once a window is told
 * its user needs re-authentication, a later status must not claim it is authenticated again without a login;
 * with an in-process server, the end-of-run store snapshot must not hold those users' token records.
 */
export const cleanup: Invariant = {
  name: 'cleanup',
  holds: 'sessions that failed, expired or logged out are gone from the store',
  check(history) {
    const dead = new Map<string, (typeof history)[number]>();
    for (const e of history) {
      const w = windowOf(e);
      if (!w || !isResult(e)) continue;
      const status = e.detail?.status ?? e.detail?.error;
      if (status === 'needs_reauth') dead.set(w, e);
      if (e.detail?.tool === 'login' && e.detail?.ok) {
        dead.delete(w);
        // Tokens are the user's, not the window's: a new login of the same user in another window brings them back
        // for every window of that user (explore: a user's tokens ended, then another window logged in as them).
        for (const [other, d] of dead) if (d.user !== undefined && d.user === e.user) dead.delete(other);
      }
      if (e.detail?.tool === 'session_status' && status === 'authenticated' && dead.has(w)) {
        return violated('cleanup', `window ${w} was told to re-authenticate, then reported authenticated again without a login`, [dead.get(w)!, e]);
      }
    }
    // Black-box: a session the window closed (DELETE) answers nobody's data and no login afterwards.
    const ghost = history.find((e) => isResult(e) && e.detail?.probe === 'closed-session' && (e.detail?.status === 'authenticated' || (okOf(e) && e.detail?.dataUser !== undefined)));
    if (ghost) return violated('cleanup', `the closed session in window ${windowOf(ghost)} still answers as a logged-in user (${ghost.detail?.tool}: ${String(ghost.detail?.dataUser ?? ghost.detail?.status)})`, [ghost]);
    const snapshot = [...history].reverse().find((e) => e.source.kind === 'runner' && e.type === 'store.snapshot');
    if (!snapshot) return held('cleanup');
    const gone = (snapshot.detail?.expectGone ?? {}) as { users?: string[]; sessions?: string[] };
    const users = (snapshot.detail?.usersWithTokens as string[] | undefined) ?? [];
    const sessions = (snapshot.detail?.sessions as string[] | undefined) ?? [];
    const leftUsers = (gone.users ?? []).filter((u) => users.includes(u));
    if (leftUsers.length) return violated('cleanup', `the store still holds tokens of ${leftUsers.join(', ')} after they failed or logged out`, [snapshot]);
    const leftSessions = (gone.sessions ?? []).filter((s) => sessions.includes(s));
    if (leftSessions.length) {
      const closed = history.filter((e) => e.type === 'disconnect' && e.sessionId !== undefined && leftSessions.includes(e.sessionId));
      return violated('cleanup', `${leftSessions.length} closed session(s) are back in the store`, [...closed, snapshot]);
    }
    return held('cleanup');
  },
};
