import { held, inconclusive, violated, windowOf, type Invariant } from '../../invariants/invariant.js';
import type { HistoryEvent } from '../../result-types.js';
import { callOfProbe, isProbeResult, probeOutcome } from './probe-outcome.js';

/**
 * An access token that has ended is refused: no cached validation outlives the token it validated. The probe is
 * sent only after the token's own `exp` (by the shared machine clock), so a refusal is owed at once.
 */
export const revocationHonoured: Invariant = {
  name: 'revocation-honoured',
  holds: 'an access token past its expiry is refused; no cached validation outlives it',
  check(history) {
    let judged = 0;
    let unclear: HistoryEvent | undefined;
    for (const e of history) {
      if (!isProbeResult(e, 'stale')) continue;
      const outcome = probeOutcome(e);
      if (outcome === 'served') {
        return violated('revocation-honoured', `the server served ${e.detail?.tool} in window ${windowOf(e)} with ${e.user}'s access token after it expired (exp ${String(e.detail?.exp)})`, [callOfProbe(history, e) ?? e, e]);
      }
      if (outcome === 'refused') judged++;
      else unclear ??= e;
    }
    if (unclear && judged === 0) return inconclusive('revocation-honoured', `a request with an expired token was neither served nor refused (${unclear.detail?.error ?? 'no answer'})`, [unclear]);
    return held('revocation-honoured');
  },
};
