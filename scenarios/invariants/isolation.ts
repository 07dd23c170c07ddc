import { callOf, held, isUserDataResult, okOf, violated, type Invariant } from './invariant.js';


/** Seed 001 #9, seed 002: every answer a window gets carries its own user's data. */
export const isolation: Invariant = {
  name: 'isolation',
  holds: "every tool result a window gets is the data of that window's own user",
  check(history) {
    for (const e of history) {
      if (!isUserDataResult(e) || !okOf(e)) continue;
      const seen = e.detail?.dataUser as string | undefined;
      if (seen !== undefined && seen !== e.user) {
        const who = e.user ? `its user ${e.user}` : 'no logged-in user';
        return violated('isolation', `${e.detail?.tool} in window ${e.source.kind === 'window' ? e.source.window : '?'} answered ${seen}'s data, but the window has ${who}`, [callOf(history, e) ?? e, e]);
      }
    }
    return held('isolation');
  },
};
