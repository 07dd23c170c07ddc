import './quiet-warnings.js';
import { errors, type ResourceServer } from 'oidc-provider';
import { isLoopbackUrl } from './loopback-url.js';
import type { SimConfig } from './options.js';

/** Scopes a token for a resource may carry; the identity scopes (openid, offline_access) stay with the client. */
export const RESOURCE_SCOPES = 'profile email';

/**
 * RFC 8707: any loopback resource (the simulator's own profile API, an MCP server under test) gets a JWT access
 * token with the resource as its only audience, signed with the simulator's key and living as long as an opaque one.
 * Anything else is `invalid_target`: a token for a stranger's API is not the simulator's to mint.
 */
export function resourceServerInfo(indicator: string, config: SimConfig, accessTokenTTL: number): ResourceServer {
  if (!isLoopbackUrl(indicator) || indicator.includes('#')) {
    throw new errors.InvalidTarget(`resource must be an http(s) URL on a loopback host without a fragment, got '${indicator}'`);
  }
  return {
    scope: RESOURCE_SCOPES,
    audience: indicator,
    accessTokenTTL,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: config.idTokenAlg } },
  };
}
