import { tokenHash } from '../../oidc-sim/index.js';
import type { HistoryEvent } from '../result-types.js';
import { held, isSim, violated, type Invariant } from './invariant.js';

const CANDIDATE = /[A-Za-z0-9_-]{24,}/g;

/**
 * Seed 004: no token in plaintext. The harness never holds token values; instead every long token-like string in
 * the history (and any server logs recorded into it) is hashed and compared with the ledger's token hashes.
 */
export const noPlaintext: Invariant = {
  name: 'no-plaintext',
  holds: 'no token appears in plaintext in the history, the server logs or the store dump',
  check(history) {
    const known = new Map<string, HistoryEvent>();
    for (const e of history) {
      if (!isSim(e)) continue;
      if (e.tokenHash) known.set(e.tokenHash, e);
      const at = e.detail?.accessTokenHash;
      if (typeof at === 'string') known.set(at, e);
    }
    for (const e of history) {
      const text = JSON.stringify(e.detail ?? {});
      for (const candidate of text.match(CANDIDATE) ?? []) {
        const origin = known.get(tokenHash(candidate));
        if (origin) return violated('no-plaintext', `a token value issued in event #${origin.seq} appears in plaintext in a ${e.type} event`, [origin, e]);
      }
    }
    return held('no-plaintext');
  },
};
