import { fetch } from 'undici';
import type { OidcSim } from './sim.js';

/**
 * A refresh request as raw HTTP, for tests that need what TokenClient hides: an AbortSignal (hang), the
 * response headers (Retry-After), or a connection reset (the fetch rejects).
 */
export async function rawRefresh(sim: OidcSim, refreshToken: string, init: { signal?: AbortSignal } = {}) {
  const { clientId, clientSecret } = sim.clients.confidential;
  const res = await fetch(new URL('/token', sim.issuer), {
    method: 'POST',
    signal: init.signal,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
