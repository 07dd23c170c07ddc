import { decodeJwt } from 'jose';
import { fetch, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from './errors.js';
import { impersonationDispatcher, UnroutedRequestError } from './impersonation-dispatcher.js';
import { createOidcSim, type OidcSim } from './sim.js';

const OKTA = 'https://acme.okta.com/oauth2/default';
let sim: OidcSim;
let dispatcher: ReturnType<typeof impersonationDispatcher>;

beforeAll(async () => {
  sim = await createOidcSim({ impersonate: OKTA, users: ['alice'], userCount: 0, timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 600, idToken: 600 } });
  dispatcher = impersonationDispatcher(sim);
});

afterAll(async () => {
  await dispatcher.close();
  await sim.close();
});

describe("undici's own requests to an impersonated provider", () => {
  it('reach the simulator, which names the real issuer and endpoints under its origin and path', async () => {
    const res = await request(`${OKTA}/.well-known/openid-configuration`, { dispatcher });
    const meta = (await res.body.json()) as Record<string, string>;
    expect(meta.issuer).toBe(OKTA);
    expect(meta.token_endpoint).toBe(`${OKTA}/token`);
    expect(sim.ledger.events({ types: ['fault.refused'] })).toEqual([]);
  });

  it('go through the fault layer to the provider under the okta preset', async () => {
    const tokens = await sim.login('alice');
    const { clientId, clientSecret } = sim.clients.confidential;
    const refresh = (refreshToken: string) =>
      fetch(`${OKTA}/token`, {
        method: 'POST',
        dispatcher,
        headers: { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      });
    sim.faults.add({ effect: 'refuse', endpoint: 'token', grantType: 'refresh_token', times: 1 });
    expect((await refresh(tokens.refresh_token!)).status).toBe(503);
    const ok = await refresh(tokens.refresh_token!);
    expect(ok.status).toBe(200);
    expect(decodeJwt(((await ok.json()) as { id_token: string }).id_token).iss).toBe(OKTA);
    expect(sim.ledger.events({ types: ['fault.refused', 'token.refreshed'] }).map((e) => e.type)).toEqual(['fault.refused', 'token.refreshed']);
    expect(sim.profile.name).toBe('okta');
  });

  it('may reach loopback, and nothing else: not even the control API at the impersonated origin', async () => {
    expect((await request(`${sim.issuer}/jwks`, { dispatcher })).statusCode).toBe(200);
    await expect(request('https://oauth2.googleapis.com/token', { dispatcher, method: 'POST' })).rejects.toThrow(UnroutedRequestError);
    const control = { dispatcher, headers: { authorization: `Bearer ${sim.controlToken}` } };
    await expect(request('https://acme.okta.com/control/ledger', control)).rejects.toThrow(/the control API is not served/);
    await expect(request(`${OKTA}/control/ledger`, control)).rejects.toThrow(/the control API is not served/);
    await expect(fetch('https://acme.okta.com.evil.example/', { dispatcher })).rejects.toMatchObject({ cause: expect.any(UnroutedRequestError) });
  });

  it('needs a simulator that impersonates a provider', async () => {
    const plain = await createOidcSim({ userCount: 0 });
    try {
      expect(() => impersonationDispatcher(plain)).toThrow(InvalidOptionError);
    } finally {
      await plain.close();
    }
  });
});
