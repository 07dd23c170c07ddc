import { randomBytes } from 'node:crypto';
import { SERVICE_PATH, type OidcSim, type OidcSimOptions } from '../../oidc-sim/index.js';
import { externalServer } from '../external-server.js';
import type { ServerFactory } from '../server-handle.js';

/** The MCP server's own client at the simulator (client credentials for its upstream calls), fresh per process. */
export const SERVICE_CLIENT = {
  clientId: 'mcp-resource-server',
  // Hex after a letter: a secret that begins with '-' would read as an option in a command line.
  clientSecret: `svc${randomBytes(18).toString('hex')}`,
  redirectUris: ['http://127.0.0.1/unused'],
  grantTypes: ['client_credentials' as const],
};

/**
 * The simulator of a resource-server world: short access tokens (3 s), so expiry and refresh on 401 happen inside
 * a scenario; a long refresh token; a few named users.
 */
export const RESOURCE_WORLD_SIM: OidcSimOptions = { users: ['alice', 'bob', 'carol'], timeScale: 1, lifetimes: { accessToken: 3, refreshToken: 600 } };

/**
 * The simulator of a revocation scenario: opaque access tokens (stored, so introspection sees their revocation)
 * that live far longer than any wait, so a token refused after a revocation was refused for the revocation.
 */
export const REVOCATION_WORLD_SIM: OidcSimOptions = { resourceTokenFormat: 'opaque', lifetimes: { accessToken: 600, refreshToken: 600 } };

/** The placeholders a resource-server `--server-cmd` may use, with this world's values. */
export function resourcePlaceholders(sim: OidcSim): Record<string, string> {
  return {
    issuer: sim.issuer,
    jwksUri: `${sim.issuer}/jwks`,
    introspectionUrl: `${sim.issuer}/token/introspection`,
    apiUrl: `${sim.issuer}${SERVICE_PATH}`,
    serviceClientId: SERVICE_CLIENT.clientId,
    serviceClientSecret: SERVICE_CLIENT.clientSecret,
  };
}

/**
 * The in-process reference resource server (`serve --auth bearer`), with `flaws` switched on and its validation
 * cache at `validationCacheSeconds` (what it declares as its revocation bound; default: its own default).
 */
export function referenceResourceServer({ validationCacheSeconds }: { validationCacheSeconds?: number } = {}): ServerFactory {
  return async ({ sim, flaws }) => {
    const { createResourceMcpServer } = await import('../../mcp-server/index.js');
    const p = resourcePlaceholders(sim);
    const server = await createResourceMcpServer({
      issuer: p.issuer!,
      apiUrl: p.apiUrl!,
      serviceClientId: p.serviceClientId!,
      serviceClientSecret: p.serviceClientSecret!,
      flaws,
      ...(validationCacheSeconds !== undefined ? { validationCacheSeconds } : {}),
    });
    return { url: server.url, close: () => server.close() };
  };
}

/**
 * Any resource server as an external process: `{issuer}`, `{resource}` (= http://127.0.0.1:{port}/mcp),
 * `{jwksUri}`, `{introspectionUrl}`, `{apiUrl}`, `{serviceClientId}`, `{serviceClientSecret}` and `{port}` filled in;
 * its endpoint found as for any external server (`MCP_ENDPOINT=` line first).
 */
export function externalResourceServer(template: string, options: { startTimeoutMs?: number } = {}): ServerFactory {
  return async (ctx) => {
    const values = resourcePlaceholders(ctx.sim);
    const filled = template
      .replace(/\{resource\}/g, 'http://127.0.0.1:{port}/mcp')
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values && name !== 'issuer' ? values[name]! : whole));
    const handle = await externalServer(filled, options)(ctx);
    const targetLog = handle.targetLog;
    return targetLog ? { ...handle, targetLog: () => targetLog().map((l) => l.split(SERVICE_CLIENT.clientSecret).join('[redacted]')) } : handle;
  };
}
