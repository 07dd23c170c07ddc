import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, InvalidOptionError, loginWithCode, TokenClient, type OidcSim } from './index.js';

const register = (sim: OidcSim, redirectUris: string[]) =>
  fetch(`${sim.issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: redirectUris, token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] }),
  }).then(async (r) => ({ status: r.status, body: (r.headers.get('content-type')?.includes('json') ? await r.json() : { text: await r.text() }) as Record<string, unknown> }));

describe('dynamic client registration (RFC 7591)', () => {
  let sim: OidcSim;
  beforeAll(async () => {
    sim = await createOidcSim({ users: ['alice'], userCount: 0, timeScale: 5 });
  });
  afterAll(() => sim.close());

  it('registers a loopback client, writes it in the ledger, and lets it sign in on any port', async () => {
    const reg = await register(sim, ['http://localhost/cb']);
    expect(reg.status).toBe(201);
    const clientId = String(reg.body.client_id);
    expect(sim.ledger.events({ types: ['client.registered'] }).at(-1)).toMatchObject({ clientId, endpoint: 'registration', detail: { redirectUris: ['http://localhost/cb'], authMethod: 'none' } });
    expect(JSON.stringify(sim.ledger.events())).not.toContain(String(reg.body.registration_access_token));
    // The browserless login drives the real flow with the registered client, on a port it never registered.
    const tokens = await loginWithCode(sim.issuer, { clientId }, 'http://localhost:51234/cb', 'alice');
    expect((await sim.client('public').userinfo(tokens.access_token)).body.preferred_username).toBe('alice');
  });

  it('refuses a registration that names a redirect URI off the machine, and records the refusal', async () => {
    const reg = await register(sim, ['http://127.0.0.1/ok', 'https://app.example.com/cb']);
    expect(reg).toMatchObject({ status: 400, body: { error: 'invalid_redirect_uri' } });
    expect(sim.ledger.events({ types: ['registration.rejected'] }).at(-1)?.detail).toMatchObject({ redirectUri: 'https://app.example.com/cb' });
  });

  it('puts the registration endpoint behind the fault layer and its gates', async () => {
    const refused = sim.faults.add({ endpoint: 'registration', effect: 'refuse', status: 503, times: 1 });
    expect((await register(sim, ['http://127.0.0.1/cb'])).status).toBe(503);
    expect(sim.ledger.events({ types: ['fault.refused'] }).at(-1)).toMatchObject({ rule: refused.id, endpoint: 'registration' });

    const gate = sim.gate({ endpoint: 'registration' });
    const pending = register(sim, ['http://127.0.0.1/held']);
    expect((await gate.waitFor(1)).ok).toBe(true);
    expect(sim.ledger.events({ types: ['client.registered'] }).some((e) => JSON.stringify(e.detail).includes('/held'))).toBe(false);
    await gate.release();
    expect((await pending).status).toBe(201);
    await gate.remove();
  });

  it('serves RFC 8414 metadata naming the registration endpoint', async () => {
    const metadata = (await (await fetch(sim.metadataUrl)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ issuer: sim.issuer, registration_endpoint: sim.registrationEndpoint, token_endpoint: `${sim.issuer}/token` });
  });
});

describe('registration settings and extra clients', () => {
  it("accepts any redirect URI with registration 'open', and has no endpoint with 'off'", async () => {
    const open = await createOidcSim({ userCount: 0, registration: 'open' });
    const off = await createOidcSim({ userCount: 0, registration: 'off' });
    try {
      expect((await register(open, ['https://app.example.com/cb'])).status).toBe(201);
      expect(off.registrationEndpoint).toBeUndefined();
      expect((await register(off, ['http://127.0.0.1/cb'])).status).toBe(404);
      expect(((await (await fetch(off.metadataUrl)).json()) as Record<string, unknown>).registration_endpoint).toBeUndefined();
    } finally {
      await Promise.all([open.close(), off.close()]);
    }
  });

  it('registers extra clients with their own redirect URIs and grants, and publishes them', async () => {
    const sim = await createOidcSim({
      users: ['alice'],
      userCount: 0,
      timeScale: 5,
      extraRedirectUris: ['https://app.example.com/cb'],
      extraClients: [{ clientId: 'web-app', clientSecret: 'web-app-secret', redirectUris: ['https://web.example.com/cb'], grantTypes: ['authorization_code', 'refresh_token'] }],
    });
    try {
      expect(sim.clients['web-app']).toEqual({
        clientId: 'web-app',
        clientSecret: 'web-app-secret',
        redirectUris: ['https://web.example.com/cb'],
        grantTypes: ['authorization_code', 'refresh_token'],
        tokenEndpointAuthMethod: 'client_secret_basic',
      });
      expect(sim.clients.confidential.redirectUris).toEqual(['http://127.0.0.1/callback', 'https://app.example.com/cb']);
        const tokens = await loginWithCode(sim.issuer, sim.clients['web-app']!, 'https://web.example.com/cb', 'alice');
      expect(tokens.refresh_token).toBeTruthy();
      // Not a device client: its grants are what it was given.
      const device = await new TokenClient(sim.issuer, sim.clients['web-app']!).deviceAuthorization('openid');
      expect(device.body).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/device_code/) });
      // A non-loopback redirect URI matches exactly, port included.
      await expect(loginWithCode(sim.issuer, sim.clients['web-app']!, 'https://web.example.com:8443/cb', 'alice')).rejects.toThrow(/redirect/);
    } finally {
      await sim.close();
    }
  });

  it('names the bad field of an extra client', async () => {
    await expect(createOidcSim({ extraClients: [{ clientId: 'harness-public', redirectUris: ['http://127.0.0.1/cb'] }] })).rejects.toThrow(InvalidOptionError);
    await expect(createOidcSim({ extraClients: [{ clientId: 'x', redirectUris: ['ftp://127.0.0.1/cb'] }] })).rejects.toThrow(/extraClients\.0\.redirectUris\.0: must be an http\(s\) URL/);
    await expect(createOidcSim({ extraRedirectUris: ['http://127.0.0.1/cb#frag'] })).rejects.toThrow(/extraRedirectUris\.0: must not contain a fragment/);
  });
});
