import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors.js';
import { createOidcSim, type OidcSim } from '../sim.js';
import { impersonate, type Impersonation } from './impersonate.js';
import { impersonationHandlers } from './impersonation-handlers.js';

const GOOGLE = 'https://accounts.google.com';
const ENTRA = 'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/v2.0';
const server = setupServer();
const unhandled: string[] = [];
let google: Impersonation;
let entra: Impersonation;

beforeAll(async () => {
  const lifetimes = { accessToken: 600, refreshToken: 600, idToken: 600 };
  [google, entra] = await Promise.all([impersonate(GOOGLE, { timeScale: 1, lifetimes }), impersonate(ENTRA, { timeScale: 1, lifetimes })]);
  server.events.on('request:unhandled', ({ request }) => void unhandled.push(request.url));
  server.listen({ onUnhandledRequest: 'error' });
  server.use(...google.handlers, ...entra.handlers);
});

afterEach(() => {
  for (const { sim } of [google, entra]) sim.reset();
  expect(unhandled).toEqual([]);
});

afterAll(async () => {
  server.close();
  await Promise.all([google.sim.close(), entra.sim.close()]);
});

const discovery = (issuer: string) => fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.json() as Promise<Record<string, string>>);

function refreshAt(sim: OidcSim, tokenEndpoint: string, refreshToken: string) {
  const { clientId, clientSecret } = sim.clients.confidential;
  return fetch(tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

/** What a browser does in an authorization code + PKCE login, with the global fetch: redirects and cookies by hand. */
async function codeFlow(issuer: string, sim: OidcSim, username: string) {
  const meta = await discovery(issuer);
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = sim.config.redirectUri;
  const clientId = sim.clients.public.clientId;
  const authorize = new URL(meta.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid offline_access',
    prompt: 'consent',
    login_hint: username,
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const cookies = new Map<string, string>();
  const visited: string[] = [];
  let next = authorize.href;
  for (let hop = 0; hop < 12; hop++) {
    visited.push(new URL(next).origin);
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const target = new URL(res.headers.get('location') ?? '', next);
    if (!target.href.startsWith(redirectUri)) {
      next = target.href;
      continue;
    }
    const form = { grant_type: 'authorization_code', code: target.searchParams.get('code') ?? '', redirect_uri: redirectUri, code_verifier: verifier, client_id: clientId };
    const tokens = await fetch(meta.token_endpoint!, { method: 'POST', body: new URLSearchParams(form) });
    return { iss: target.searchParams.get('iss'), visited, tokens: (await tokens.json()) as Record<string, string> };
  }
  throw new Error('the login never came back to the redirect URI');
}

describe('a simulator standing in for a real provider under msw', () => {
  it('answers discovery at the real issuer with that issuer and every endpoint under its origin', async () => {
    const meta = await discovery(GOOGLE);
    expect(meta.issuer).toBe(GOOGLE);
    for (const key of ['token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'revocation_endpoint', 'introspection_endpoint', 'device_authorization_endpoint']) {
      expect(new URL(meta[key]!).origin, key).toBe(GOOGLE);
    }
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(1);
  });

  it("applies the issuer's preset: Google's refresh answers carry no refresh_token and the token keeps working", async () => {
    expect(google.sim.profile.name).toBe('google');
    const tokens = await google.sim.login('alice');
    expect(decodeJwt(tokens.id_token!).iss).toBe(GOOGLE);
    const { token_endpoint } = await discovery(GOOGLE);
    for (let i = 0; i < 2; i++) {
      const res = await refreshAt(google.sim, token_endpoint!, tokens.refresh_token!);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, string>;
      expect(body.refresh_token).toBeUndefined();
      expect(decodeJwt(body.id_token!).iss).toBe(GOOGLE);
    }
    expect(google.sim.ledger.events({ types: ['token.refreshed'] })).toHaveLength(2);
  });

  it("keeps an issuer's path: an Entra tenant's discovery, endpoints and iss carry it", async () => {
    expect(entra.sim.profile.name).toBe('entra');
    const meta = await discovery(ENTRA);
    expect(meta.issuer).toBe(ENTRA);
    expect(meta.token_endpoint).toBe(`${ENTRA}/token`);
    const tokens = await entra.sim.login('bob');
    const res = await refreshAt(entra.sim, meta.token_endpoint!, tokens.refresh_token!);
    expect(res.status).toBe(200);
    expect(decodeJwt(((await res.json()) as { id_token: string }).id_token).iss).toBe(ENTRA);
  });

  it('drives the login pages through the impersonated origin, redirects and cookies included, for an issuer with a path', async () => {
    const login = await codeFlow(ENTRA, entra.sim, 'alice');
    expect(new Set(login.visited)).toEqual(new Set([new URL(ENTRA).origin]));
    expect(login.iss).toBe(ENTRA); // RFC 9207's iss on the authorization response
    expect(decodeJwt(login.tokens.id_token!)).toMatchObject({ iss: ENTRA, sub: entra.sim.user('alice').sub });
    expect(login.tokens.refresh_token).toEqual(expect.any(String));
  });

  it('puts the fault layer and gates in front: a refused refresh answers 503, a reset one is a network error', async () => {
    const tokens = await google.sim.login('alice');
    const { token_endpoint } = await discovery(GOOGLE);
    google.sim.faults.add({ effect: 'refuse', endpoint: 'token', grantType: 'refresh_token', times: 1 });
    expect((await refreshAt(google.sim, token_endpoint!, tokens.refresh_token!)).status).toBe(503);
    google.sim.faults.add({ effect: 'reset', endpoint: 'token', grantType: 'refresh_token', times: 1 });
    await expect(refreshAt(google.sim, token_endpoint!, tokens.refresh_token!)).rejects.toThrow(TypeError);
    const gate = google.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    const held = refreshAt(google.sim, token_endpoint!, tokens.refresh_token!);
    expect((await gate.waitFor(1, { timeout: 45_000 })).ok).toBe(true);
    await gate.releaseAll();
    expect((await held).status).toBe(200);
    const types = google.sim.ledger.events().map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['fault.refused', 'fault.reset', 'fault.gate.held', 'token.refreshed']));
  });

  it("keeps the control API off the impersonated origin and lets requests to the simulator's own URL through", async () => {
    const auth = { authorization: `Bearer ${google.sim.controlToken}` };
    expect((await fetch(`${GOOGLE}/control/`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${ENTRA}/control/ledger`, { headers: auth })).status).toBe(404);
    expect((await fetch('https://login.microsoftonline.com/control/ledger', { headers: { authorization: `Bearer ${entra.sim.controlToken}` } })).status).toBe(404);
    expect((await fetch(`${google.sim.controlUrl}/`, { headers: auth })).status).toBe(200);
  });

  it('lets no other origin out', async () => {
    await expect(fetch('https://oauth2.googleapis.com/token', { method: 'POST' })).rejects.toThrow(/onUnhandledRequest/);
    expect(unhandled.splice(0)).toEqual(['https://oauth2.googleapis.com/token']);
  });
});

describe('impersonation options', () => {
  it('refuses a simulator that impersonates nothing, or another issuer, naming what to change', async () => {
    const plain = await createOidcSim({ userCount: 0 });
    try {
      expect(() => impersonationHandlers(plain)).toThrow(InvalidOptionError);
      expect(() => impersonationHandlers(plain)).toThrow(/^impersonate: .*createOidcSim\(\{ impersonate/);
    } finally {
      await plain.close();
    }
    expect(() => impersonationHandlers(google.sim, ENTRA)).toThrow(`issuer: the simulator presents ${GOOGLE}, not ${ENTRA}`);
  });

  it('needs a profile for an issuer no preset recognises, and rejects an issuer with a query', async () => {
    await expect(createOidcSim({ impersonate: 'https://id.example.com' })).rejects.toThrow(/^profile: no provider preset is known for https:\/\/id\.example\.com/);
    await expect(createOidcSim({ impersonate: 'https://id.example.com/?tenant=1', profile: 'strict' })).rejects.toThrow(/^impersonate: an issuer has no query or fragment/);
    await expect(createOidcSim({ impersonate: 'ftp://id.example.com', profile: 'strict' })).rejects.toThrow(/^impersonate: must be an http\(s\) issuer URL/);
  });
});
