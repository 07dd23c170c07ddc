import { held, inconclusive, isResult, okOf, violated, type Invariant } from '../../invariants/invariant.js';
import type { HistoryEvent } from '../../result-types.js';

/**
 * DESIGN `no-passthrough` (MCP security best practices, token passthrough): no token a client holds ever reaches
 * the upstream API; the server calls it with its own credentials. Judged from the ledger of the upstream API.
 */
export const noPassthrough: Invariant = {
  name: 'no-passthrough',
  holds: "the client's token never reaches an upstream API; the server uses its own credentials",
  check(history) {
    const held_ = new Map<string, HistoryEvent>();
    for (const e of history) {
      if (e.type !== 'client.token') continue;
      if (e.tokenHash) held_.set(e.tokenHash, e);
      if (typeof e.detail?.refreshHash === 'string') held_.set(e.detail.refreshHash, e);
    }
    let upstream = 0;
    for (const e of history) {
      if (e.source.kind !== 'sim' || e.source.endpoint !== 'resource') continue;
      upstream++;
      const from = e.tokenHash ? held_.get(e.tokenHash) : undefined;
      if (from) return violated('no-passthrough', `the upstream API received ${from.user}'s client token ${e.tokenHash} (issued for ${String(from.detail?.aud)})`, [from, e]);
    }
    const served = history.find((e) => isResult(e, 'get_profile') && okOf(e));
    if (served && upstream === 0) return inconclusive('no-passthrough', 'get_profile answered but the upstream API saw no call: nothing to judge', [served]);
    return held('no-passthrough');
  },
};
