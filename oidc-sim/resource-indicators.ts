import './quiet-warnings.js';
import { errors, type ResourceServer } from 'oidc-provider';
import { isLoopbackUrl } from './loopback-url.js';
import type { SimConfig } from './options.js';
import { RESOURCE_PATH } from './faults/endpoints.js';
import { SERVICE_PATH } from './service-path.js';

const ownApi = (indicator: string) => [RESOURCE_PATH, SERVICE_PATH].some((path) => new URL(indicator).pathname.startsWith(path));

/** Scopes a token for a resource may carry; the identity scopes (openid, offline_access) stay with the client. */
export const RESOURCE_SCOPES = 'profile email';

/**
 * RFC 8707: any loopback resource (the simulator's own profile API, an MCP server under test) gets an access token
 * with the resource as its only audience, living as long as any other: a JWT signed with the simulator's key, or
 * with `resourceTokenFormat: 'opaque'` a stored one that introspection and revocation see. The simulator's own
 * APIs (profile and service) check JWTs themselves, so theirs stay JWTs.
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
    ...(config.resourceTokenFormat === 'opaque' && !ownApi(indicator) ? { accessTokenFormat: 'opaque' as const } : { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: config.idTokenAlg } } }),
  };
}
