import { held, inconclusive, violated, windowOf, type Invariant } from '../../invariants/invariant.js';
import type { HistoryEvent } from '../../result-types.js';
import { callOfProbe, isProbeResult, probeOutcome } from './probe-outcome.js';

/** Ledger events that end a user's tokens before their expiry: RFC 7009 revocation, a grant revoked or ended by the provider. */
export const REVOCATIONS = new Set(['token.revoked', 'grant.revoked', 'token.expired']);

/** The validation-cache lifetime the target declared (`--target-revocation-cache`), as the world recorded it. */
function declaredSeconds(history: HistoryEvent[]): number | undefined {
  const d = history.find((e) => e.source.kind === 'runner' && e.type === 'target.declared')?.detail?.revocationCacheSeconds;
  return typeof d === 'number' ? d : undefined;
}

/**
 * An access token that has ended is refused: no cached validation outlives the token it validated, nor its
 * revocation by more than the declared cache lifetime. A `stale` probe is sent after the token's own `exp`, so a
 * refusal is owed at once; a `revoked` probe is judged only when it was sent later than the declared lifetime after
 * the ledger's revocation, both on the history's clock (earlier ones may rightly be served from the cache).
 */
export const revocationHonoured: Invariant = {
  name: 'revocation-honoured',
  holds: 'an access token past its expiry, or revoked longer ago than the declared validation-cache lifetime, is refused',
  check(history) {
    let judged = 0;
    let unclear: HistoryEvent | undefined;
    let early: HistoryEvent | undefined;
    const declared = declaredSeconds(history);
    for (const e of history) {
      if (isProbeResult(e, 'stale')) {
        const outcome = probeOutcome(e);
        if (outcome === 'served') {
          return violated('revocation-honoured', `the server served ${e.detail?.tool} in window ${windowOf(e)} with ${e.user}'s access token after it expired (exp ${String(e.detail?.exp)})`, [callOfProbe(history, e) ?? e, e]);
        }
        if (outcome === 'refused') judged++;
        else unclear ??= e;
        continue;
      }
      if (!isProbeResult(e, 'revoked') || declared === undefined) continue;
      const call = callOfProbe(history, e) ?? e;
      const revocation = history.filter((r) => r.source.kind === 'sim' && REVOCATIONS.has(r.type) && r.user === e.user && r.seq < call.seq).at(-1);
      if (!revocation) {
        unclear ??= e;
        continue;
      }
      const late = call.at - (revocation.at + declared * 1000);
      if (late <= 0) {
        early ??= e;
        continue;
      }
      const outcome = probeOutcome(e);
      if (outcome === 'served') {
        return violated(
          'revocation-honoured',
          `the server served ${e.detail?.tool} in window ${windowOf(e)} with ${e.user}'s access token ${Math.round(call.at - revocation.at)} ms after its ${revocation.type} (declared validation-cache lifetime ${declared} s)${e.detail?.dataUser ? `, answering ${e.detail.dataUser}'s data` : ''}`,
          [revocation, call, e],
        );
      }
      if (outcome === 'refused') judged++;
      else unclear ??= e;
    }
    if (judged === 0 && unclear) return inconclusive('revocation-honoured', `a request with an ended token was neither served nor refused (${unclear.detail?.error ?? 'no revocation in the ledger before it'})`, [unclear]);
    if (judged === 0 && early) return inconclusive('revocation-honoured', 'every request with the revoked token was sent within the declared validation-cache lifetime: nothing to judge', [early]);
    return held('revocation-honoured');
  },
};
