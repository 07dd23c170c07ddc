import type { HistoryEvent } from '../result-types.js';
import { callOf, held, inconclusive, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/**
 * A login that rightly did not complete (explore draws these): the provider tampered with its id_token (a correct server
 * refuses it: `login-validation`), its own window closed before it finished, or another window logged its user out.
 */
function rightlyUnfinished(history: HistoryEvent[], result: HistoryEvent): boolean {
  const call = callOf(history, result);
  const w = windowOf(result);
  const between = history.filter((e) => e.seq > (call?.seq ?? result.seq) && e.seq < result.seq);
  // Or another window logged that user out while it was on its way (found by explore with replicas): a logout ends the
  // user's every session, a login still completing included.
  const loggedOutMeanwhile = (e: HistoryEvent) => e.type === 'call' && e.detail?.tool === 'logout' && e.detail?.loggedOutUser !== undefined && e.detail.loggedOutUser === result.detail?.loginAs && windowOf(e) !== w;
  // Called before the login but still on its way when it was (found by explore: replicas, seed 45, a logout waiting on
  // the user's lock behind a held refresh while the login completed).
  const callSeq = call?.seq ?? result.seq;
  const answeredBefore = (logout: HistoryEvent) => history.some((r) => r.type === 'result' && r.op === logout.op && windowOf(r) === windowOf(logout) && r.seq < callSeq);
  if (history.some((e) => e.seq < callSeq && loggedOutMeanwhile(e) && !answeredBefore(e))) return true;
  // The window's own hang-up ends its login as 'disconnected' as soon as it begins; the disconnect itself is recorded
  // once the transport closed, which may be after the login's result (found by explore: replicas, seed 27).
  if (result.detail?.error === 'disconnected') return true;
  // Or the provider ended the user's grant while it was on its way: a refresh retried after its rotated answer was
  // lost meets reuse detection (no-reuse judges whether that retry was right), or expire-now ended every token of the
  // user. The login's tokens went with it (found by explore: wide, seed 26, a heartbeat round under commit-then-fail
  // while the login's activation was held).
  const grantEnded = (e: HistoryEvent) => e.user === result.detail?.loginAs && (e.type === 'reuse.detected' || (e.type === 'token.expired' && e.detail?.target === 'user'));
  return between.some((e) => grantEnded(e) || (e.type === 'fault.tamper' && e.user === result.detail?.loginAs) || (e.type === 'disconnect' && windowOf(e) === w) || loggedOutMeanwhile(e));
}

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
        // A login called before the logout answered is not one that follows it: the window logged out while that login
        // was still on its way, which may rightly end it (found by explore: a logout while the login's activation was held).
        if ((callOf(history, e)?.seq ?? e.seq) < loggedOut.get(w)!) continue;
        if (!okOf(e) && !rightlyUnfinished(history, e)) {
          // No one had been logged in anywhere before (no event names a user: a wrong client secret, a provider
          // refusing the server): this login failing is the same failure as every other, and says nothing about
          // logging out.
          if (!history.some((x) => x.seq < e.seq && x.user !== undefined)) {
            return inconclusive('relogin', `no one had been logged in before the login after logout in window ${w}, which failed too (${e.detail?.error ?? 'unknown error'}): nothing shows the logout broke it`, [e]);
          }
          return violated('relogin', `login after logout in window ${w} failed: ${e.detail?.error ?? 'unknown error'}`, [history[loggedOut.get(w)!]!, e]);
        }
        loggedOut.delete(w);
      }
    }
    return held('relogin');
  },
};
