import { held, inconclusive, violated, windowOf, type Invariant } from '../../invariants/invariant.js';
import type { HistoryEvent } from '../../result-types.js';
import { callOfProbe, isProbeResult, probeOutcome } from './probe-outcome.js';

/**
 * DESIGN `session-binding` (MCP security best practices, session hijacking): a session created with user A's
 * token never serves a request that carries another user's token, and never one without a valid token.
 */
export const sessionBinding: Invariant = {
  name: 'session-binding',
  holds: "a session created with one user's token never serves a request carrying another user's token, or none",
  check(history) {
    let judged = 0;
    let unclear: HistoryEvent | undefined;
    for (const e of history) {
      if (!isProbeResult(e, 'hostile')) continue;
      const outcome = probeOutcome(e);
      const presented = e.detail?.hostile === 'no-token' ? 'no token' : `${e.user}'s token`;
      if (outcome === 'served') {
        const data = e.detail?.dataUser ? ` and answered ${e.detail.dataUser}'s data` : '';
        return violated('session-binding', `the server served ${e.detail?.tool} on ${e.detail?.sessionOwner}'s session to a request with ${presented} (window ${windowOf(e)})${data}`, [callOfProbe(history, e) ?? e, e]);
      }
      if (outcome === 'refused') judged++;
      else unclear ??= e;
    }
    if (unclear && judged === 0) return inconclusive('session-binding', `a request on another user's session was neither served nor refused (${unclear.detail?.error ?? 'no answer'})`, [unclear]);
    return held('session-binding');
  },
};
