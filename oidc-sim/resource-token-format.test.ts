import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAs, createOidcSim, TokenClient, type OidcSim } from './index.js';

const RS = { clientId: 'resource-server-test', clientSecret: 'rs-test-secret-1' };
const RESOURCE = 'http://127.0.0.1:9/mcp';
let sim: OidcSim;

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], resourceTokenFormat: 'opaque', extraClients: [{ ...RS, redirectUris: ['http://127.0.0.1/unused'], grantTypes: ['client_credentials'] }] });
});
afterAll(async () => {
  await sim?.close();
});

/** Authorization code + PKCE with a resource indicator, as an MCP client logs in (the public client). */
async function accessTokenFor(resource: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${sim.issuer}/auth`);
  const publicClient = sim.clients.public;
  for (const [k, v] of Object.entries({ client_id: publicClient.clientId, response_type: 'code', redirect_uri: sim.config.redirectUri, scope: 'openid profile', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', resource })) url.searchParams.set(k, v);
  const code = (await authorizeAs(url.href, sim.config.redirectUri, 'alice')).searchParams.get('code')!;
  const res = await sim.client('public').token({ grant_type: 'authorization_code', code, redirect_uri: sim.config.redirectUri, code_verifier: verifier, resource });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return String(res.body.access_token);
}

describe("the simulator's opaque resource tokens (resourceTokenFormat: 'opaque')", () => {
  it('issues a token for a resource that is not a JWT, and that a resource server introspects as active for that audience', async () => {
    const token = await accessTokenFor(RESOURCE);
    expect(token.split('.')).toHaveLength(1);
    const answer = await new TokenClient(sim.issuer, RS).introspect(token);
    expect(answer.body).toMatchObject({ active: true, aud: RESOURCE, sub: sim.user('alice').sub, client_id: sim.clients.public.clientId });
  });

  it('answers inactive once the token is revoked (RFC 7009), which a JWT access token could never show', async () => {
    const token = await accessTokenFor(RESOURCE);
    expect((await sim.client('public').revoke(token, 'access_token')).status).toBe(200);
    expect((await new TokenClient(sim.issuer, RS).introspect(token)).body).toEqual({ active: false });
    expect(sim.ledger.events().some((e) => e.type === 'token.revoked' && e.username === 'alice')).toBe(true);
  });

  it("keeps JWTs for the simulator's own APIs, which check them themselves", async () => {
    const res = await new TokenClient(sim.issuer, RS).token({ grant_type: 'client_credentials', resource: `${sim.issuer}/api/users`, scope: 'profile' });
    expect(String(res.body.access_token).split('.')).toHaveLength(3);
  });

  it('does not let a public client introspect a token issued to another client', async () => {
    const token = await accessTokenFor(RESOURCE);
    const other = await registerPublicClient();
    expect((await new TokenClient(sim.issuer, { clientId: other }).introspect(token)).body).toEqual({ active: false });
  });
});

/** A second public client, registered dynamically (RFC 7591) as an MCP client would. */
async function registerPublicClient(): Promise<string> {
  const res = await fetch(sim.registrationEndpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'] }),
  });
  return String(((await res.json()) as { client_id: string }).client_id);
}
