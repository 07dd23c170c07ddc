import { createHash, randomBytes } from 'node:crypto';
import { TokenClient, type ClientCredentials, type TokenSet } from '../oidc-sim/index.js';
import { CookieJar } from './cookie-jar.js';

const MAX_HOPS = 12;

/**
 * Authorization code + PKCE over HTTP, following every redirect by hand until the code comes back: the same
 * dance the simulator's browserless login does, written independently so it can run against any provider whose
 * interaction page signs someone in without a form (the bare provider's fixed account, the simulator's login_hint).
 */
export async function codeLogin(issuer: string, client: ClientCredentials, redirectUri: string, loginHint: string): Promise<TokenSet> {
  const jar = new CookieJar();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(12).toString('base64url');
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    prompt: 'consent', // OIDC drops offline_access without it
    login_hint: loginHint,
    state,
    nonce: randomBytes(12).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let next = url.href;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await jar.fetch(next);
    const location = res.headers.get('location');
    await res.body?.cancel();
    if (!location) throw new Error(`bench login: expected a redirect from ${next}, got HTTP ${res.status}`);
    const target = new URL(location, next);
    if (!target.href.startsWith(redirectUri)) {
      next = target.href;
      continue;
    }
    const code = target.searchParams.get('code');
    if (!code || target.searchParams.get('state') !== state) {
      throw new Error(`bench login: no code in the redirect (${target.searchParams.get('error') ?? 'state mismatch'})`);
    }
    const res2 = await new TokenClient(issuer, client).token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    if (res2.status !== 200) throw new Error(`bench login: token endpoint answered ${res2.status} ${res2.body.error}`);
    return res2.body as unknown as TokenSet;
  }
  throw new Error(`bench login: more than ${MAX_HOPS} redirects`);
}
