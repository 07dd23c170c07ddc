import type { HistoryEvent } from '../result-types.js';
import { callOf, familyHashes, held, isOutageFor, isRefreshAttempt, isResult, isSim, okOf, violated, type Invariant } from './invariant.js';

/** Seed 001 #7 and #4: a logout revokes at the provider, and nothing refreshes that user's tokens afterwards. */
export const logoutRevokes: Invariant = {
  name: 'logout-revokes',
  holds: "after a logout, the user's refresh token is revoked at the provider and never refreshed again",
  check(history) {
    for (const result of history) {
      if (!isResult(result, 'logout') || !okOf(result)) continue;
      const user = result.detail?.loggedOutUser as string | undefined;
      const call = callOf(history, result) ?? result;
      if (!user) continue;
      // A login of the user still on its way when the logout was called may get its tokens before the logout and be
      // stored after it (found by explore: replicas, a login waiting on a lock while the other replica logged out):
      // its grant is a login after the logout, not one the logout ends. Grants issued since such a login began are not
      // the logout's to revoke.
      const pendingFrom = inFlightAt(history, call, (l) => l.detail?.tool === 'login' && l.detail?.loginAs === user).map((l) => l.seq);
      // The logging-out window's own resume of the user still on its way: the server may attach the session after
      // the logout, which then had no user to log out, and the session is the user's again afterwards, grant and all
      // (found by explore: wide and replicas, seed 12, a resume held at its activation while its window logged out).
      if (inFlightAt(history, call, (l) => l.detail?.tool === 'resume' && l.detail?.resumeAs === user && windowKey(l) === windowKey(call)).length) continue;
      // Likewise a logout the window called while its previous logout was on its way: that one has the user, and this
      // one finds a session with nobody in it (found by explore: replicas, seed 41, a logout held before its revoke).
      if (inFlightAt(history, call, (l) => l.detail?.tool === 'logout' && windowKey(l) === windowKey(call)).length) continue;
      const since = pendingFrom.length ? Math.min(...pendingFrom) : call.seq;
      const grant = lastGrantOf(history, user, since);
      if (!grant?.grantId) continue;
      // Since the grant was issued, not only since this call: a second window's logout of a user another window
      // already logged out finds the grant revoked (found by explore: two windows of one user, both logging out).
      const revoked = history.find((e) => isSim(e) && e.seq > grant.seq && e.grantId === grant.grantId && (e.type === 'token.revoked' || e.type === 'grant.revoked'));
      // The provider itself ended every token of the user before the logout (expire-now, as explore's end-tokens
      // does): the grant is dead already, and its revocation has nothing left to name (found by explore).
      const ended = history.find((e) => isSim(e) && e.seq > grant.seq && e.seq < call.seq && e.type === 'token.expired' && e.user === user && e.detail?.target === 'user');
      // The provider was down for the user's refreshes since the grant and before the logout answered (an outage,
      // refusals, lost answers): the server may have given the user's tokens up as it should after its failure budget,
      // leaving its logout nothing to revoke (found by explore: replicas, seed 48; and while the logout was on its way,
      // seed 505). Refreshes after the logout are still judged below.
      const outage = history.some((e) => isOutageFor(e, user) && e.seq > grant.seq && e.seq < result.seq);
      if (!revoked && !ended && !outage) {
        return violated('logout-revokes', `${user} logged out but the provider never saw grant ${grant.grantId} revoked`, [grant, call, result]);
      }
      const family = familyHashes(history, grant.grantId);
      const after = history.find((e) => e.seq > result.seq && isRefreshAttempt(e) && (e.grantId === grant.grantId || (e.tokenHash !== undefined && family.has(e.tokenHash))));
      if (after) {
        return violated('logout-revokes', `a refresh with ${user}'s logged-out refresh token reached the provider after the logout`, [call, result, after]);
      }
    }
    return held('logout-revokes');
  },
};

function lastGrantOf(history: HistoryEvent[], user: string, before: number): HistoryEvent | undefined {
  let last: HistoryEvent | undefined;
  for (const e of history) {
    if (e.seq >= before) break;
    if (isSim(e) && e.type === 'token.issued' && e.user === user) last = e;
  }
  return last;
}

/** The calls matching `which` made before `call` and not answered by then. */
function inFlightAt(history: HistoryEvent[], call: HistoryEvent, which: (e: HistoryEvent) => boolean): HistoryEvent[] {
  return history
    .filter((l) => l.type === 'call' && l.seq < call.seq && which(l))
    .filter((l) => !history.some((r) => r.type === 'result' && r.op === l.op && r.source.kind === l.source.kind && windowKey(r) === windowKey(l) && r.seq < call.seq));
}

const windowKey = (e: HistoryEvent) => (e.source.kind === 'window' ? e.source.window : undefined);
