import { callOf, held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/** Hostile windows that speak on a session id they were not given: the HTTP refusal of an unknown session is clear. */
export const sessionIdAttacks = new Set(['forged session id', 'guessed session id', 'session id after close']);

/**
 * Seed 000 ("reconnect needs proof"), seed 002: a window that presents what an attacker can know or guess (a sub,
 * a username, an email, a truncated, altered or replayed credential, a forged or guessed session id, the id of a closed session) is refused with a clear
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
      // A session id nobody holds any more, or never held, is refused at the HTTP level (404): that is clear.
      const clear = e.detail.error !== 'transport_error' || sessionIdAttacks.has(e.detail.hostile);
      if (!clear) return violated('no-takeover', `${what} was not refused clearly: ${e.detail.error}${e.detail.message ? `: ${e.detail.message}` : ''}`, [callOf(history, e) ?? e, e]);
    }
    return held('no-takeover');
  },
};
