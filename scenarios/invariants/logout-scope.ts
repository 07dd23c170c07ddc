import type { HistoryEvent } from '../result-types.js';
import { held, isOutageFor, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/** A logout changes only its own user's sessions: other users' windows keep working. */
export const logoutScope: Invariant = {
  name: 'logout-scope',
  holds: "a logout changes only its own user's sessions; every other user's windows keep working",
  check(history) {
    const logouts = history.filter((e) => isResult(e, 'logout') && okOf(e) && e.detail?.loggedOutUser);
    for (const logout of logouts) {
      const user = logout.detail!.loggedOutUser as string;
      const hit = history.find(
        (e) =>
          e.seq > logout.seq &&
          isResult(e) &&
          windowOf(e) !== windowOf(logout) &&
          e.user !== undefined &&
          e.user !== user &&
          !okOf(e) &&
          /not_authenticated|needs_reauth/.test(String(e.detail?.error)) &&
          !ownLogoutBefore(history, e) &&
          !endedByProvider(history, e),
      );
      if (hit) return violated('logout-scope', `${user}'s logout ended ${hit.user}'s session in window ${windowOf(hit)}`, [logout, hit]);
    }
    return held('logout-scope');
  },
};

/**
 * Whether the window of `result` had itself called logout since its last completed login or resume: a call racing
 * its own window's logout may rightly lose (seed 001 scenario 4), whoever else logged out meanwhile.
 */
function ownLogoutBefore(history: HistoryEvent[], result: HistoryEvent): boolean {
  const w = windowOf(result);
  const before = history.filter((e) => e.seq < result.seq).reverse();
  for (const e of before) {
    if (windowOf(e) === w && (isResult(e, 'login') || isResult(e, 'resume')) && okOf(e)) return false;
    // Its own window's logout, or a logout of its own user in any window (logout is per user: found by explore, wide,
    // seed 54, alice logged out in A, then B, still alice's, told so after bob's logout).
    if (e.type === 'call' && e.detail?.tool === 'logout' && (windowOf(e) === w || (e.detail?.loggedOutUser !== undefined && e.detail.loggedOutUser === result.user))) return true;
  }
  return false;
}

/**
 * Whether expire-now ended every token of the user of `result` (refresh token and grant, not only access tokens)
 * since that user last logged in (in its window, or the user anywhere): the provider ended that login, not somebody's
 * logout (found by explore: a user's tokens ended, then that user's window was told to log in again after another
 * user's logout). A resume since does not count: it attaches the tokens the server holds, ended or not (found by
 * explore: wide, seed 504, case 1337, a resume after the user's tokens ended).
 */
function endedByProvider(history: HistoryEvent[], result: HistoryEvent): boolean {
  const w = windowOf(result);
  for (const e of history.filter((x) => x.seq < result.seq).reverse()) {
    if (isResult(e, 'login') && okOf(e) && (windowOf(e) === w || e.user === result.user)) return false;
    if (e.source.kind === 'sim' && e.type === 'token.expired' && e.user === result.user && e.detail?.target !== 'access') return true;
    // Or the provider revoked the user's grant on reuse of a refresh token (a retry after a rotation whose answer was
    // lost; no-reuse judges the retry): found by explore, wide, seed 44, commit-then-fail.
    if (e.source.kind === 'sim' && e.type === 'reuse.detected' && e.user === result.user) return true;
    // Or the provider was down for the user's refreshes (an outage, refusals, lost answers), which may exhaust the
    // server's failure budget for that user (found by explore: two-windows, seed 101).
    if (isOutageFor(e, result.user)) return true;
  }
  return false;
}
