import { held, isUserDataResult, okOf, violated, windowOf, type Invariant } from './invariant.js';


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
      for (const [w, e] of firstPerWindow) {
        if (expect === 'recover' && !okOf(e)) return violated('recovery', `window ${w} did not recover after the outage: ${e.detail?.error}`, [mark, e]);
        if (expect === 'reauth' && (okOf(e) || !/needs_reauth|not_authenticated/.test(String(e.detail?.error)))) {
          return violated('recovery', `window ${w} should have been told to re-authenticate after the long outage, got ${okOf(e) ? 'data' : e.detail?.error}`, [mark, e]);
        }
      }
    }
    return held('recovery');
  },
};
