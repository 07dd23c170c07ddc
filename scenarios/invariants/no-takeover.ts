import { callOf, held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/**
 * Seed 000 ("reconnect needs proof"), seed 002: a window that presents what an attacker can know or guess (a sub,
 * a username, an email, a truncated, altered or replayed credential, a forged session id) is refused with a clear
 * error (a tool error, or an HTTP refusal of an unknown session), never attached to anyone.
 */
export const noTakeover: Invariant = {
  name: 'no-takeover',
  holds: 'guessed, altered or replayed credentials and forged session ids are refused clearly, never attached to a user',
  check(history) {
    for (const e of history) {
      if (!isResult(e) || typeof e.detail?.hostile !== 'string') continue;
      const what = `${e.detail.tool} with ${e.detail.hostile} in window ${windowOf(e)}`;
      if (okOf(e)) return violated('no-takeover', `${what} was accepted${e.detail.dataUser ? ` and answered ${e.detail.dataUser}'s data` : ''}`, [callOf(history, e) ?? e, e]);
      const clear = e.detail.error !== 'transport_error' || e.detail.hostile === 'forged session id';
      if (!clear) return violated('no-takeover', `${what} was not refused clearly: ${e.detail.error}${e.detail.message ? `: ${e.detail.message}` : ''}`, [callOf(history, e) ?? e, e]);
    }
    return held('no-takeover');
  },
};
