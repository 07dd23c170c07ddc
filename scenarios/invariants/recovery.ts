import { held, inconclusive, isResult, isUserDataResult, okOf, toolOf, violated, windowOf, type Invariant } from './invariant.js';

/**
 * Seed 001 scenario 6: after an outage the runner marks `outage.end` with what to expect (and, optionally, for
 * which users). 'recover': the next user-data call of every window works again. 'reauth': it ends in a clear
 * needs-re-auth error, never data.
 */
export const recovery: Invariant = {
  name: 'recovery',
  holds: 'after a short outage every session works again; after a long one it asks for re-authentication',
  check(history) {
    for (const mark of history) {
      if (mark.source.kind !== 'runner' || mark.type !== 'outage.end') continue;
      const expect = mark.detail?.expect;
      const users = mark.detail?.users as string[] | undefined;
      const firstPerWindow = new Map<string, (typeof history)[number]>();
      for (const e of history) {
        const w = windowOf(e);
        const affected = !users || (e.user !== undefined && users.includes(e.user));
        if (e.seq > mark.seq && w && affected && isUserDataResult(e) && !firstPerWindow.has(w)) firstPerWindow.set(w, e);
      }
      // A window that never worked before the outage (its login failed: a wrong client secret, say) has nothing to
      // recover: its failing call after the outage says nothing about the outage.
      const workedBefore = (w: string) =>
        history.some((x) => x.seq < mark.seq && windowOf(x) === w && okOf(x) && (isUserDataResult(x) || (isResult(x) && ['login', 'resume'].includes(String(toolOf(x))))));
      let unjudged: [string, (typeof history)[number]] | undefined;
      for (const [w, e] of firstPerWindow) {
        if (expect === 'recover' && !okOf(e) && !workedBefore(w)) {
          unjudged ??= [w, e];
          continue;
        }
        if (expect === 'recover' && !okOf(e)) return violated('recovery', `window ${w} did not recover after the outage: ${e.detail?.error}`, [mark, e]);
        if (expect === 'reauth' && (okOf(e) || !/needs_reauth|not_authenticated/.test(String(e.detail?.error)))) {
          return violated('recovery', `window ${w} should have been told to re-authenticate after the long outage, got ${okOf(e) ? 'data' : e.detail?.error}`, [mark, e]);
        }
      }
      if (unjudged) {
        const [w, e] = unjudged;
        return inconclusive('recovery', `window ${w} never worked before the outage (no login, resume or data call of its completed), so its ${e.detail?.error} after it says nothing about recovering`, [e]);
      }
    }
    return held('recovery');
  },
};
