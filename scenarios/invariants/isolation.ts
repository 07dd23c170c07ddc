import type { HistoryEvent } from '../result-types.js';
import { callOf, held, inconclusive, isUserDataResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

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
      if (seen !== undefined && seen !== e.user && !ownLoginInFlight(history, e, seen)) {
        const who = e.user ? `its user ${e.user}` : 'no logged-in user';
        return violated('isolation', `${e.detail?.tool} in window ${e.source.kind === 'window' ? e.source.window : '?'} answered ${seen}'s data, but the window has ${who}`, [callOf(history, e) ?? e, e]);
      }
    }
    // Answers of another shape carry no user to compare: nothing was judged, and that is not a pass.
    if (judged === 0 && unrecognised) return inconclusive('isolation', `no answer carried a recognisable user (first: ${unrecognised.detail?.tool} in window ${unrecognised.source.kind === 'window' ? unrecognised.source.window : '?'}); the target contract wants username or preferred_username in it`, [unrecognised]);
    return held('isolation');
  },
};

/**
 * Whether the window's own login (or resume) as `seen` was on its way when this data call was made: it may complete at
 * the server while the call waits, and the call then rightly answers as that user (found by explore: a call made while
 * the window's login was held at its activation).
 */
function ownLoginInFlight(history: HistoryEvent[], result: HistoryEvent, seen: string): boolean {
  const w = windowOf(result);
  const made = (callOf(history, result) ?? result).seq;
  return history.some(
    (l) =>
      l.seq < made &&
      l.type === 'call' &&
      windowOf(l) === w &&
      ((l.detail?.tool === 'login' && l.detail?.loginAs === seen) || (l.detail?.tool === 'resume' && l.detail?.resumeAs === seen)) &&
      !history.some((r) => r.seq < made && r.type === 'result' && r.op === l.op && windowOf(r) === w),
  );
}
