import { held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/** Seed 001 #7, seed 002: logout followed at once by login succeeds. */
export const relogin: Invariant = {
  name: 'relogin',
  holds: 'logout followed at once by login (same or another user) succeeds',
  check(history) {
    const loggedOut = new Map<string, number>();
    for (const e of history) {
      const w = windowOf(e);
      if (!w) continue;
      if (isResult(e, 'logout') && okOf(e)) loggedOut.set(w, e.seq);
      if (isResult(e, 'login') && loggedOut.has(w)) {
        if (!okOf(e)) {
          return violated('relogin', `login after logout in window ${w} failed: ${e.detail?.error ?? 'unknown error'}`, [history[loggedOut.get(w)!]!, e]);
        }
        loggedOut.delete(w);
      }
    }
    return held('relogin');
  },
};
