import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, SERVICE_PATH, type OidcSim } from '../../oidc-sim/index.js';
import { createResourceMcpServer, type ResourceMcpServer } from '../index.js';

const SERVICE = { clientId: 'rs-test-service', clientSecret: 'rs-test-secret-1' };
let sim: OidcSim;
const servers: ResourceMcpServer[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1, extraClients: [{ ...SERVICE, redirectUris: ['http://127.0.0.1/unused'], grantTypes: ['client_credentials'] }] });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim?.close();
});

async function start(flaws: string[] = []) {
  const server = await createResourceMcpServer({ issuer: sim.issuer, apiUrl: `${sim.issuer}${SERVICE_PATH}`, serviceClientId: SERVICE.clientId, serviceClientSecret: SERVICE.clientSecret, flaws });
  servers.push(server);
  return server;
}

/** A real token from the simulator whose audience is its API, not the MCP server: the server's own kind of credential. */
async function tokenForAnotherResource(): Promise<string> {
  const res = await fetch(`${sim.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${SERVICE.clientId}:${SERVICE.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: `${sim.issuer}${SERVICE_PATH}`, scope: 'profile' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const initialize = (url: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  });

describe('the reference resource server (serve --auth bearer)', () => {
  it('publishes protected-resource metadata naming its authorization server (RFC 9728)', async () => {
    const server = await start();
    const res = await fetch(server.metadataUrl);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resource: server.resource, authorization_servers: [sim.issuer] });
    expect(server.metadataUrl).toBe(`${new URL(server.url).origin}/.well-known/oauth-protected-resource/mcp`);
  });

  it('answers a request without a token with 401 and a WWW-Authenticate naming the metadata', async () => {
    const server = await start();
    const res = await initialize(server.url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${server.metadataUrl}"`);
  });

  it('refuses a token the authorization server issued for another resource', async () => {
    const server = await start();
    const res = await initialize(server.url, await tokenForAnotherResource());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="the access token's aud claim/);
  });

  it('accepts the same token with the flaw no-audience-check', async () => {
    const server = await start(['no-audience-check']);
    const res = await initialize(server.url, await tokenForAnotherResource());
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeTruthy();
  });

  it('refuses an unknown flaw, naming the valid ones', async () => {
    await expect(start(['no-such-flaw'])).rejects.toThrow(/unknown flaw 'no-such-flaw'; valid: session-not-bound-to-user, no-audience-check/);
  });
});
