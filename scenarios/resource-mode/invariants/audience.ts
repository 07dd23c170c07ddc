import { held, inconclusive, violated, windowOf, type Invariant } from '../../invariants/invariant.js';

/** DESIGN `audience` (MCP authorization spec, token audience binding): a token issued for another resource is refused. */
export const audience: Invariant = {
  name: 'audience',
  holds: 'a token the authorization server issued for another resource is refused',
  check(history) {
    for (const e of history) {
      if (e.source.kind !== 'window' || e.type !== 'result' || e.detail?.foreignAudience === undefined) continue;
      const w = windowOf(e);
      const token = history.find((t) => t.type === 'client.token' && windowOf(t) === w && t.seq < e.seq);
      if (!token) return inconclusive('audience', `window ${w} got no token for ${String(e.detail.foreignAudience)} from the authorization server, so the server was never shown one`, [e]);
      if (e.detail.ok === true) {
        return violated('audience', `the server accepted window ${w}'s token, issued for ${String(token.detail?.aud)}, not for this server`, [token, e]);
      }
      if (e.detail.error !== 'http_401' && e.detail.error !== 'unauthorized') {
        return inconclusive('audience', `window ${w}'s token for another resource was neither accepted nor refused with 401 (${String(e.detail.error)})`, [token, e]);
      }
    }
    return held('audience');
  },
};
