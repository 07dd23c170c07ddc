import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimCli, type SimCliInfo } from '../testing/sim-cli.js';

/*
 * openid-client, the relying party most Node apps use, configured from nothing but the JSON line `oidc-harness sim`
 * prints. The app's callback is on a loopback port the simulator never heard of (RFC 8252 §7.3); the "browser" in
 * between is a cookie-keeping redirect follower, since the simulator signs in the user named by login_hint.
 */

const APP_CALLBACK = 'http://127.0.0.1:47913/auth/callback'; // registered below without its port
const insecure = { execute: [oidc.allowInsecureRequests] }; // plain http on loopback

let sim: Awaited<ReturnType<typeof startSimCli>>;
let info: SimCliInfo;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-rp-'));
  // Lifetimes long enough that nothing here depends on speed (access 50 s, refresh 150 s); polling every second.
  await writeFile(join(dir, 'sim.json'), JSON.stringify({ timeScale: 5, deviceInterval: 0.2 }));
  sim = await startSimCli(['--config', join(dir, 'sim.json'), '--user-count', '0', '--redirect-uri', 'http://127.0.0.1/auth/callback']);
  info = sim.info;
}, 120_000);

afterAll(async () => {
  expect(await sim?.stop()).toBe(0);
  await rm(dir, { recursive: true, force: true });
});

/** The relying party for one of the printed clients, authenticating the way the JSON line says it must. */
async function relyingParty(kind: string, algorithm: 'oidc' | 'oauth2' = 'oidc') {
  const c = info.clients[kind]!;
  const auth = c.tokenEndpointAuthMethod === 'client_secret_basic' ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None();
  return oidc.discovery(new URL(info.issuer), c.clientId, undefined, auth, { ...insecure, algorithm });
}

/** The user agent: follows redirects with cookies until the app's redirect URI, which it returns. */
async function userAgent(start: URL, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url.pathname}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    await res.body?.cancel();
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url;
  }
  throw new Error('too many redirects');
}

/** Authorization code + PKCE for `user`, every protocol step done by openid-client. */
async function codeFlow(config: oidc.Configuration, user: string, redirectUri: string, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    prompt: 'consent',
    login_hint: user,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  const callback = await userAgent(url, redirectUri);
  return oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }, extra.resource ? { resource: extra.resource } : undefined);
}

async function oauthError(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { error?: string }).error;
  }
  return undefined;
}

const profile = async (token: string) => {
  const res = await fetch(info.resourceUrl, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const sub = (user: string) => info.users.find((u) => u.username === user)!.sub;

describe('openid-client against `oidc-harness sim`, configured only from its JSON line', () => {
  it('publishes every client with its redirect URIs, grant types and authentication method', () => {
    expect(info.clients.confidential).toMatchObject({ tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: ['http://127.0.0.1/callback', 'http://127.0.0.1/auth/callback'] });
    expect(info.clients.public).toMatchObject({ tokenEndpointAuthMethod: 'none' });
    expect(info.clients.public!.grantTypes).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']));
  });

  it('discovers the provider, signs alice in with code + PKCE on an unannounced loopback port, and reads userinfo', async () => {
    for (const kind of ['confidential', 'public']) {
      const config = await relyingParty(kind);
      expect(config.serverMetadata().issuer).toBe(info.issuer);
      const tokens = await codeFlow(config, 'alice', APP_CALLBACK);
      expect(tokens.claims()?.sub).toBe(sub('alice'));
      const me = await oidc.fetchUserInfo(config, tokens.access_token, sub('alice'));
      expect(me.preferred_username).toBe('alice');
    }
  });

  it('refuses a redirect URI on another path, however loopback it is', async () => {
    const config = await relyingParty('public');
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://127.0.0.1:47913/elsewhere', scope: 'openid', login_hint: 'alice', code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('rotates the refresh token, and a reused one answers invalid_grant and kills the grant', async () => {
    const config = await relyingParty('confidential');
    const first = await codeFlow(config, 'bob', APP_CALLBACK);
    const second = await oidc.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await profile(second.access_token)).body.username).toBe('bob');

    expect(await oauthError(oidc.refreshTokenGrant(config, first.refresh_token!))).toBe('invalid_grant');
    expect(await oauthError(oidc.refreshTokenGrant(config, second.refresh_token!))).toBe('invalid_grant');
    expect((await oidc.tokenIntrospection(config, second.access_token)).active).toBe(false);
    expect((await profile(second.access_token)).status).toBe(401);
  });

  it('introspects a live token, revokes it, and introspection then says inactive', async () => {
    const config = await relyingParty('confidential');
    const tokens = await codeFlow(config, 'alice', APP_CALLBACK);
    const live = await oidc.tokenIntrospection(config, tokens.refresh_token!);
    expect(live).toMatchObject({ active: true, sub: sub('alice'), client_id: info.clients.confidential!.clientId });
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    expect((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active).toBe(false);
    expect(await oauthError(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toBe('invalid_grant');
  });

  it('runs the device flow with the announced interval, approved through the control API', async () => {
    const config = await relyingParty('public');
    const start = await oidc.initiateDeviceAuthorization(config, { scope: 'openid profile offline_access' });
    expect(start.interval).toBe(1); // deviceInterval 0.2 s × timeScale 5
    const approve = await fetch(`${info.controlUrl}/device/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_code: start.user_code, user: 'bob' }),
    });
    expect(approve.status).toBe(200);
    const tokens = await oidc.pollDeviceAuthorizationGrant(config, start);
    expect(tokens.claims()?.sub).toBe(sub('bob'));
    expect((await profile(tokens.access_token)).body.username).toBe('bob');
  });

  it('finds RFC 8414 metadata, registers a client dynamically (RFC 7591), and signs in with it', async () => {
    const metadata = await (await fetch(info.metadataUrl)).json();
    expect(metadata).toMatchObject({ issuer: info.issuer, registration_endpoint: info.registrationEndpoint, code_challenge_methods_supported: ['S256'] });
    const config = await oidc.dynamicClientRegistration(
      new URL(info.issuer),
      { redirect_uris: ['http://127.0.0.1/mcp-client/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      oidc.None(),
      { ...insecure, algorithm: 'oauth2' },
    );
    expect(config.clientMetadata().client_id).toBeTruthy();
    const tokens = await codeFlow(config, 'alice', 'http://127.0.0.1:39201/mcp-client/callback');
    expect(tokens.claims()?.sub).toBe(sub('alice'));
    expect(await oauthError(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toBeUndefined();
  });

  it('refuses a registration whose redirect URI leaves the machine', async () => {
    const res = await fetch(info.registrationEndpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['https://app.example.com/callback'], token_endpoint_auth_method: 'none' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('issues a JWT access token bound to the requested resource, which the resource API accepts and another resource refuses', async () => {
    const config = await relyingParty('public');
    const bound = await codeFlow(config, 'alice', APP_CALLBACK, { resource: info.resourceUrl });
    const claims = decodeJwt(bound.access_token);
    expect(claims).toMatchObject({ aud: info.resourceUrl, sub: sub('alice'), iss: info.issuer });
    expect((await profile(bound.access_token)).body.username).toBe('alice');

    // Same grant type, another resource (an MCP server on loopback, say): its token is refused here.
    const elsewhere = 'http://127.0.0.1:39202/mcp';
    const other = await codeFlow(config, 'alice', APP_CALLBACK, { resource: elsewhere });
    expect(decodeJwt(other.access_token).aud).toBe(elsewhere);
    const refused = await profile(other.access_token);
    expect(refused.status).toBe(401);
    expect(String(refused.body.error_description)).toContain(`is for ${elsewhere}`);

    // A refresh for the resource keeps the binding.
    const refreshed = await oidc.refreshTokenGrant(config, bound.refresh_token!, { resource: info.resourceUrl });
    expect(decodeJwt(refreshed.access_token).aud).toBe(info.resourceUrl);
    expect((await profile(refreshed.access_token)).body.username).toBe('alice');
  });

  it('refuses a resource that is not on the machine with invalid_target', async () => {
    const config = await relyingParty('public');
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: APP_CALLBACK,
      scope: 'openid',
      login_hint: 'alice',
      resource: 'https://api.example.com/',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const callback = await userAgent(url, APP_CALLBACK);
    expect(callback.searchParams.get('error')).toBe('invalid_target');
  });
});
