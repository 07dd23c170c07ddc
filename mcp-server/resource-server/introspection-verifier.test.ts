import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAs, createOidcSim, SERVICE_PATH, type OidcSim } from '../../oidc-sim/index.js';
import { createResourceMcpServer, type ResourceMcpServer } from '../index.js';

const SERVICE = { clientId: 'rs-introspect-service', clientSecret: 'rs-introspect-secret-1' };
let sim: OidcSim;
const servers: ResourceMcpServer[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1, resourceTokenFormat: 'opaque', extraClients: [{ ...SERVICE, redirectUris: ['http://127.0.0.1/unused'], grantTypes: ['client_credentials'] }] });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim?.close();
});

/** No validation cache: every request asks the authorization server, so a revocation shows at the next request. */
async function start(flaws: string[] = []) {
  const server = await createResourceMcpServer({ issuer: sim.issuer, apiUrl: `${sim.issuer}${SERVICE_PATH}`, serviceClientId: SERVICE.clientId, serviceClientSecret: SERVICE.clientSecret, validationCacheSeconds: 0, flaws });
  servers.push(server);
  return server;
}

/** alice's opaque access token for `resource`: authorization code + PKCE with a resource indicator, as an MCP client gets one. */
async function opaqueTokenFor(resource: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${sim.issuer}/auth`);
  const params = { client_id: sim.clients.public.clientId, response_type: 'code', redirect_uri: sim.config.redirectUri, scope: 'openid profile', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', resource };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const code = (await authorizeAs(url.href, sim.config.redirectUri, 'alice')).searchParams.get('code')!;
  const res = await sim.client('public').token({ grant_type: 'authorization_code', code, redirect_uri: sim.config.redirectUri, code_verifier: verifier, resource });
  return String(res.body.access_token);
}

const initialize = (url: string, token: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  });

describe('the reference resource server with opaque access tokens (introspection, RFC 7662)', () => {
  it('accepts an opaque token the authorization server introspects as active for this resource', async () => {
    const server = await start();
    const res = await initialize(server.url, await opaqueTokenFor(server.resource));
    expect(res.status).toBe(200);
    expect(sim.ledger.events({ types: ['introspected'] }).at(-1)?.detail).toEqual({ active: true });
  });

  it('refuses the same token once it is revoked at the authorization server', async () => {
    const server = await start();
    const token = await opaqueTokenFor(server.resource);
    expect((await initialize(server.url, token)).status).toBe(200);
    expect((await sim.client('public').revoke(token, 'access_token')).status).toBe(200);
    const res = await initialize(server.url, token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('the access token is not active');
  });

  it("refuses an opaque token for another resource, and accepts it with the flaw no-audience-check", async () => {
    const token = await opaqueTokenFor('http://127.0.0.1:9/another-mcp');
    expect(token.split('.')).toHaveLength(1);
    const res = await initialize((await start()).url, token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain("the access token's aud claim is not accepted here");
    expect((await initialize((await start(['no-audience-check'])).url, token)).status).toBe(200);
  });
});
