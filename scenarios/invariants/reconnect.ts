import { callOf, held, isResult, okOf, violated, type Invariant } from './invariant.js';

/** Seed 000: a closed transport (no logout) reconnects as the same user without re-authenticating. */
export const reconnect: Invariant = {
  name: 'reconnect',
  holds: 'a closed transport session (no logout) reconnects as the same user without re-authenticating',
  check(history) {
    for (const e of history) {
      if (!isResult(e, 'resume') || e.detail?.expect !== 'ok') continue;
      if (!okOf(e) || (e.detail?.dataUser !== undefined && e.detail.dataUser !== e.user)) {
        return violated('reconnect', `resume in window ${e.source.kind === 'window' ? e.source.window : '?'} did not re-attach ${e.user}: ${e.detail?.error ?? 'wrong user'}`, [callOf(history, e) ?? e, e]);
      }
    }
    return held('reconnect');
  },
};
