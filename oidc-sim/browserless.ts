import { createHash, randomBytes } from 'node:crypto';
import { authorizeAs } from './browserless-authorize.js';
import { CookieJar } from './cookie-jar.js';
import { LoginFlowError, UnknownUserCodeError } from './errors.js';
import type { ClientCredentials, TokenSet } from './token-client.js';
import { TokenClient } from './token-client.js';

const MAX_HOPS = 12;
export const LOGIN_SCOPE = 'openid profile email offline_access';

/**
 * Authorization code + PKCE over real HTTP, with the simulator's interaction page answering for `username`.
 * Nothing inside the provider is shortcut: every redirect is followed and checked.
 */
export async function loginWithCode(issuer: string, client: ClientCredentials, redirectUri: string, username: string, signal?: AbortSignal): Promise<TokenSet> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(12).toString('base64url');
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: LOGIN_SCOPE,
    prompt: 'consent', // the spec drops offline_access without it
    login_hint: username,
    state,
    nonce: randomBytes(12).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const target = await authorizeAs(url.toString(), redirectUri, username, signal);
  const error = target.searchParams.get('error');
  if (error) throw new LoginFlowError('authorize', `${error}: ${target.searchParams.get('error_description') ?? ''}`);
  if (target.searchParams.get('state') !== state) throw new LoginFlowError('authorize', 'state mismatch');
  const code = target.searchParams.get('code');
  if (!code) throw new LoginFlowError('authorize', 'redirect carried no code');
  const tokens = new TokenClient(issuer, client);
  const res = await tokens.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
  if (res.status !== 200) throw new LoginFlowError('token', `${res.body.error}: ${res.body.error_description ?? ''}`);
  return res.body as unknown as TokenSet;
}

/**
 * Plays the user at the device verification page: enters the user code, confirms, and signs in as `username`.
 * The device client (an MCP server, say) then gets its tokens by polling as usual.
 */
export async function approveDeviceCode(issuer: string, userCode: string, username: string, signal?: AbortSignal): Promise<void> {
  const jar = new CookieJar(signal);
  const deviceUrl = new URL('/device', issuer).href;
  const inputPage = await jar.fetch(deviceUrl);
  const xsrf = formField(await inputPage.text(), 'xsrf');
  if (!xsrf) throw new LoginFlowError('device.input', 'no xsrf field on the device page');

  const post = (fields: Record<string, string>) =>
    jar.fetch(deviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const confirmPage = await (await post({ xsrf, user_code: userCode })).text();
  const pageError = /data-sim-error="([^"]*)"/.exec(confirmPage)?.[1];
  // The provider refused the code itself (never issued, expired, used): the caller's mistake, not a broken flow.
  if (pageError) throw new UnknownUserCodeError(userCode, pageError);
  if (!confirmPage.includes('data-sim-page="device-confirm"')) throw new LoginFlowError('device.user_code', 'no confirmation page');
  let res = await post({ xsrf: formField(confirmPage, 'xsrf') ?? xsrf, user_code: userCode, confirm: 'yes' });
  let from = deviceUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const location = res.headers.get('location');
    if (!location) break;
    await res.body?.cancel();
    const target = new URL(location, from);
    if (/^\/interaction\//.test(target.pathname)) target.searchParams.set('login', username);
    from = target.href;
    res = await jar.fetch(from);
  }
  const final = await res.text();
  if (!final.includes('data-sim-page="device-success"')) {
    const reason = /data-sim-error="([^"]*)"/.exec(final)?.[1] ?? /"error_description":"([^"]*)"/.exec(final)?.[1] ?? `HTTP ${res.status}`;
    throw new LoginFlowError('device.approve', reason);
  }
}

function formField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}
