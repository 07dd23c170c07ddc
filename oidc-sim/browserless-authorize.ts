import { CookieJar } from './cookie-jar.js';
import { LoginFlowError } from './errors.js';

const MAX_HOPS = 12;

/**
 * Plays the user at an authorization URL someone else built (an MCP client's, with its own PKCE, state and
 * `resource`): follows every redirect, signs `username` in at the interaction page, grants consent, and returns
 * the redirect back to `redirectUri` with its `code` (or `error`) for the client to finish with.
 */
export async function authorizeAs(authorizationUrl: string, redirectUri: string, username: string, signal?: AbortSignal): Promise<URL> {
  const jar = new CookieJar(signal);
  let next = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await jar.fetch(next);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new LoginFlowError('authorize', `expected a redirect, got HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    }
    await res.body?.cancel();
    const target = new URL(location, next);
    if (target.href.startsWith(redirectUri)) return target;
    if (/^\/interaction\//.test(target.pathname)) target.searchParams.set('login', username);
    next = target.href;
  }
  throw new LoginFlowError('authorize', `more than ${MAX_HOPS} redirects`);
}
