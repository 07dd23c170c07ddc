import type { Context } from 'koa';

/** Where the simulator serves its resource API (resource-api.ts). */
export const RESOURCE_PATH = '/api/profile';

/** The simulator's endpoints as a fault rule names them. */
export const ENDPOINTS = [
  'token',
  'revocation',
  'introspection',
  'userinfo',
  'device',
  'discovery',
  'jwks',
  'resource',
  'authorization',
  'registration',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

// oidc-provider's default routes (lib/helpers/defaults.js `routes`); the simulator does not change them.
const BY_PATH: Record<string, Endpoint> = {
  '/token': 'token',
  '/token/revocation': 'revocation',
  '/token/introspection': 'introspection',
  '/me': 'userinfo',
  '/device/auth': 'device',
  '/device': 'device',
  '/.well-known/openid-configuration': 'discovery',
  '/jwks': 'jwks',
  [RESOURCE_PATH]: 'resource',
  '/auth': 'authorization',
  '/session/end': 'authorization',
  '/reg': 'registration',
  '/.well-known/oauth-authorization-server': 'discovery',
};

/** Which endpoint a request is for; the login pages behind /auth and /interaction count as 'authorization'. */
export function endpointOf(ctx: Context): Endpoint | undefined {
  const exact = BY_PATH[ctx.path.replace(/\/+$/, '') || '/'];
  if (exact) return exact;
  if (/^\/(auth|interaction)\//.test(ctx.path)) return 'authorization';
  if (/^\/device\//.test(ctx.path)) return 'device';
  if (/^\/reg\//.test(ctx.path)) return 'registration';
  // The resource API's service door (service-api.ts): a resource server's upstream calls, as the ledger names them.
  if (/^\/api\/users\/[^/]+$/.test(ctx.path)) return 'resource';
  return undefined;
}
