import { callOf, held, inconclusive, isUserDataResult, okOf, violated, type Invariant } from './invariant.js';

/** Seed 001 #9, seed 002: every answer a window gets carries its own user's data. */
export const isolation: Invariant = {
  name: 'isolation',
  holds: "every tool result a window gets is the data of that window's own user",
  check(history) {
    let judged = 0;
    let unrecognised: (typeof history)[number] | undefined;
    for (const e of history) {
      if (!isUserDataResult(e) || !okOf(e)) continue;
      const seen = e.detail?.dataUser as string | undefined;
      if (seen === undefined) unrecognised ??= e;
      else judged++;
      if (seen !== undefined && seen !== e.user) {
        const who = e.user ? `its user ${e.user}` : 'no logged-in user';
        return violated('isolation', `${e.detail?.tool} in window ${e.source.kind === 'window' ? e.source.window : '?'} answered ${seen}'s data, but the window has ${who}`, [callOf(history, e) ?? e, e]);
      }
    }
    // Answers of another shape carry no user to compare: nothing was judged, and that is not a pass.
    if (judged === 0 && unrecognised) return inconclusive('isolation', `no answer carried a recognisable user (first: ${unrecognised.detail?.tool} in window ${unrecognised.source.kind === 'window' ? unrecognised.source.window : '?'}); the target contract wants username or preferred_username in it`, [unrecognised]);
    return held('isolation');
  },
};
