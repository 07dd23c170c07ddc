import type { HistoryEvent } from '../result-types.js';
import { held, isResult, isSim, isUserDataResult, okOf, violated, type Invariant } from './invariant.js';

const REFRESH_FAILURES = new Set(['refresh.rejected', 'reuse.detected', 'expired.use']);
const GRANT_DEATHS = new Set(['grant.revoked', 'token.revoked', 'token.expired', 'expired.use', 'reuse.detected', 'refresh.rejected']);

/**
 * Seed 003 and the shared-credential-store report: a refresh that fails for an older grant never takes away the
 * tokens a newer login stored (on this replica or another). Black-box: after a login succeeded, a refresh of some
 * other grant of that user failed at the provider, and then a window of that user is told it must log in again,
 * while the provider never ended the new login's grant and nobody logged the user out.
 */
export const newerTokensKept: Invariant = {
  name: 'newer-tokens-kept',
  holds: "a failed refresh of an older grant never removes a newer login's tokens",
  check(history) {
    const logins: Array<{ user: string; result: HistoryEvent; grantId: string }> = [];
    for (const e of history) {
      if (!isResult(e, 'login') || !okOf(e) || !e.user) continue;
      // The grant this login got: the last token issued to its user before its result.
      let issued: HistoryEvent | undefined;
      for (let i = Math.min(e.seq, history.length) - 1; i >= 0 && !issued; i--) {
        const x = history[i]!;
        if (isSim(x) && x.type === 'token.issued' && x.user === e.user && x.grantId) issued = x;
      }
      if (issued?.grantId) logins.push({ user: e.user, result: e, grantId: issued.grantId });
    }
    // Refresh failures are few: each login looks among them, not through the whole history again.
    const failures = history.filter((e) => isSim(e) && REFRESH_FAILURES.has(e.type));
    for (const { user, result: login, grantId } of logins) {
      // A token the provider no longer knows (revoked when the new login superseded it) comes back without an owner.
      const failure = failures.find((e) => e.seq > login.seq && (e.user === user || e.user === undefined) && e.grantId !== grantId);
      if (!failure) continue;
      const after = history.filter((e) => e.seq > login.seq);
      for (const e of after) {
        // The new grant ended at the provider (even just before the failure), or the user logged out or in again.
        if (isSim(e) && e.grantId === grantId && GRANT_DEATHS.has(e.type)) break;
        if (isResult(e, 'logout') && okOf(e) && e.detail?.loggedOutUser === user) break;
        if (isResult(e, 'login') && e.user === user) break;
        if (e.seq <= failure.seq || !isUserDataResult(e) || e.user !== user || okOf(e)) continue;
        if (/needs_reauth|not_authenticated/.test(String(e.detail?.error))) {
          return violated('newer-tokens-kept', `${user}'s login (grant still alive at the provider) was dropped after a refresh of an older grant failed: ${e.detail?.tool} answered ${e.detail?.error}`, [login, failure, e]);
        }
      }
    }
    return held('newer-tokens-kept');
  },
};
