import type { HistoryEvent } from '../result-types.js';
import { callOf, held, inconclusive, isOutageFor, isResult, isSim, isUserDataResult, okOf, OUTAGES, violated, windowOf, type Invariant } from './invariant.js';

/** What the provider's ledger shows as an end of a user's grant: after it a window may rightly lose its data. */
const GRANT_ENDS = new Set(['grant.revoked', 'token.revoked', 'reuse.detected', 'refresh.rejected', 'expired.use']);

/** Ends a live window's claim to data: the ledger shows its user's grant ending, or the provider being down. */
function excuses(e: HistoryEvent, user: string): boolean {
  if (isSim(e) && (e.user === user || e.user === undefined)) {
    if (GRANT_ENDS.has(e.type)) return true;
    // expire-now of access tokens alone only forces a refresh; expiring the refresh token or the grant ends it.
    if (e.type === 'token.expired' && e.detail?.target !== 'access') return true;
  }
  return isOutageFor(e, user);
}

/** Whether `e` is of a kind `excuses` can accept for some user. */
const mayExcuse = (e: HistoryEvent) => (isSim(e) && (GRANT_ENDS.has(e.type) || e.type === 'token.expired')) || (e.source.kind === 'fault' && OUTAGES.has(e.type));

interface Live {
  user: string;
  since: HistoryEvent;
}

/**
 * DESIGN `works` (liveness): after a login completes, every data call of that window gets its own user's data, until
 * a logout, an outage, or a provider-side end of the grant that the ledger shows. Inconclusive when logins were tried
 * and none completed (a server that logs nobody in is never green), or when no answer carried a recognisable user.
 */
export const works: Invariant = {
  name: 'works',
  holds: "after a login completes, each data call of that window gets its own user's data until a logout, an outage or an end of the grant",
  check(history) {
    const crash = history.find((e) => e.source.kind === 'runner' && e.type === 'target.exited');
    if (crash) return violated('works', `the target exited mid-run with ${crash.detail?.code !== null && crash.detail?.code !== undefined ? `code ${crash.detail.code}` : `signal ${crash.detail?.signal}`} (its last output is in targetLog)`, [crash]);
    const live = new Map<string, Live>();
    let judged = 0;
    let unrecognised: HistoryEvent | undefined;
    for (const e of history) {
      const w = windowOf(e);
      // Checked before walking every live window (hundreds in many-clients): most events can excuse nobody.
      if (mayExcuse(e)) for (const [name, l] of live) if (excuses(e, l.user)) live.delete(name);
      // From the logout's call on: a call racing the logout may rightly lose (seed 001 scenario 4).
      if (e.type === 'call' && e.detail?.tool === 'logout') {
        const gone = e.detail?.loggedOutUser;
        for (const [name, l] of live) if (l.user === gone || name === w) live.delete(name);
      }
      if (!w) continue;
      if (e.type === 'disconnect' || (e.type === 'call' && (e.detail?.tool === 'login' || e.detail?.tool === 'resume'))) live.delete(w);
      // A resume that answered another status than authenticated (the user needs to log in again) leaves nothing live.
      const attached = e.detail?.status === undefined || e.detail.status === 'authenticated';
      if ((isResult(e, 'login') || isResult(e, 'resume')) && okOf(e) && e.user && attached) live.set(w, { user: e.user, since: e });
      const l = live.get(w);
      if (!l || !isUserDataResult(e)) continue;
      // A call its own window hung up on (closed before the answer) says nothing about the server.
      if (!okOf(e) && e.detail?.error === 'disconnected') continue;
      if (!okOf(e)) {
        // The provider ended the user's access tokens while this call was on its way (expire-now inside a held step):
        // the call may have refreshed already and then met its new token ended; a second refresh in one call is not
        // owed (found by explore: a refresh held at token-write while the access tokens were ended).
        const call = callOf(history, e);
        if (call && history.some((x) => x.seq > call.seq && x.seq < e.seq && isSim(x) && x.type === 'token.expired' && x.detail?.target === 'access' && x.user === l.user)) continue;
        return violated(
          'works',
          `${e.detail?.tool} in window ${w} (${l.user}) answered ${e.detail?.error}${e.detail?.message ? `: ${e.detail.message}` : ''}, though ${l.user}'s ${l.since.detail?.tool} completed and the ledger shows no logout, outage or end of the grant since`,
          [l.since, callOf(history, e) ?? e, e],
        );
      }
      if (e.detail?.dataUser === undefined) unrecognised ??= e;
      else judged++;
    }
    const completed = history.some((e) => (isResult(e, 'login') || isResult(e, 'resume')) && okOf(e));
    const failedLogin = history.find((e) => isResult(e, 'login') && !okOf(e) && (e.detail?.expect ?? 'ok') === 'ok');
    if (!completed && failedLogin) {
      return inconclusive('works', `no login completed, so no window could be judged: the first, in window ${windowOf(failedLogin)}, ended ${describeFailure(failedLogin)}`, [failedLogin]);
    }
    if (judged === 0 && unrecognised) {
      return inconclusive('works', `${unrecognised.detail?.tool} answered without a recognisable user (no username or preferred_username in the answer; see the README's target contract)`, [unrecognised]);
    }
    return held('works');
  },
};

export function describeFailure(e: HistoryEvent): string {
  const message = e.detail?.message ? `: ${String(e.detail.message)}` : '';
  return `${String(e.detail?.error ?? 'in an error')}${message}`;
}
