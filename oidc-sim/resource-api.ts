import type Provider from 'oidc-provider';
import type { Context } from 'koa';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import type { Ledger } from './ledger.js';
import { tokenHash } from './token-hash.js';
import { profileOf, type SimUser } from './users.js';
import { RESOURCE_PATH } from './faults/endpoints.js';

type Next = () => Promise<unknown>;
export { RESOURCE_PATH };

export interface ResourceApiDeps {
  provider: Provider;
  ledger: Ledger;
  users: Map<string, SimUser>;
  issuer: string;
  /** The simulator's signing key (private JWK); its public half verifies resource-bound JWT access tokens. */
  signingKey: Record<string, unknown>;
}

/**
 * The protected "profile" API an MCP server calls on a user's behalf. It answers with the token owner's own
 * profile, so an end-to-end call shows whose token was used; every call is a ledger event. It takes the
 * simulator's opaque access tokens, and JWT access tokens issued for it (RFC 8707 `resource` = its URL): a token
 * bound to another resource is refused, as the MCP authorization spec asks of every resource server.
 */
export function resourceApi({ provider, ledger, users, issuer, signingKey }: ResourceApiDeps) {
  const audience = `${issuer}${RESOURCE_PATH}`;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingKey;
  const jwks = createLocalJWKSet({ keys: [publicJwk as JWK] });
  // Not async itself: a request for another path passes on without a promise of this layer (issue 18).
  return function resource(ctx: Context, next: Next) {
    return ctx.path === RESOURCE_PATH ? answer(ctx) : next();
  };

  async function answer(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method !== 'GET') {
      ctx.status = 405;
      ctx.body = { error: 'method_not_allowed', error_description: 'use GET' };
      return;
    }
    const value = /^Bearer ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'))?.[1];
    if (!value) return deny(ctx, 'invalid_request', 'missing "Authorization: Bearer <access token>"');
    const hash = tokenHash(value);
    if (value.split('.').length === 3) return jwtCall(ctx, value, hash);
    const at = await provider.AccessToken.find(value, { ignoreExpiration: true });
    if (!at) {
      ledger.record({ type: 'resource.call', endpoint: 'resource', tokenHash: hash, detail: { status: 401, reason: 'unknown or revoked' } });
      return deny(ctx, 'invalid_token', 'access token is unknown or revoked');
    }
    const user = users.get(at.accountId);
    const base = {
      endpoint: 'resource',
      tokenHash: hash,
      grantId: at.grantId,
      family: at.grantId,
      clientId: at.clientId,
      sub: at.accountId,
      username: user?.username,
    };
    if (at.isExpired) {
      ledger.record({ ...base, type: 'expired.use', detail: { status: 401, kind: 'access_token' } });
      return deny(ctx, 'invalid_token', 'access token is expired');
    }
    if (at.aud !== undefined && ![at.aud].flat().includes(audience)) {
      ledger.record({ ...base, type: 'resource.call', detail: { status: 401, reason: 'wrong audience', audience: at.aud } });
      return deny(ctx, 'invalid_token', `access token is for ${String(at.aud)}, not ${audience}`);
    }
    if (!user) return deny(ctx, 'invalid_token', 'token owner no longer exists');
    ledger.record({ ...base, type: 'resource.call', detail: { status: 200 } });
    ctx.body = profileOf(user);
  }

  // A JWT access token lives until it expires, whatever happens to its grant: what a resource server that does
  // not introspect sees at a real provider.
  async function jwtCall(ctx: Context, value: string, hash: string) {
    let claims: { sub?: string; client_id?: unknown; aud?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(value, jwks, { issuer, audience, typ: 'at+jwt', clockTolerance: 0 }));
    } catch (err) {
      const reason =
        err instanceof joseErrors.JWTExpired ? 'expired'
        : err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud' ? 'wrong audience'
        : 'invalid';
      const unverified = reason === 'invalid' ? undefined : (err as InstanceType<typeof joseErrors.JWTClaimValidationFailed>).payload;
      const sub = typeof unverified?.sub === 'string' ? unverified.sub : undefined;
      const who = { endpoint: 'resource', tokenHash: hash, sub, username: sub ? users.get(sub)?.username : undefined };
      if (reason === 'expired') {
        ledger.record({ ...who, type: 'expired.use', detail: { status: 401, kind: 'access_token', format: 'jwt' } });
        return deny(ctx, 'invalid_token', 'access token is expired');
      }
      ledger.record({ ...who, type: 'resource.call', detail: { status: 401, reason, format: 'jwt', ...(unverified ? { audience: unverified.aud } : {}) } });
      return deny(ctx, 'invalid_token', reason === 'wrong audience' ? `access token is for ${String(unverified?.aud)}, not ${audience}` : 'access token signature or claims are invalid');
    }
    const user = claims.sub ? users.get(claims.sub) : undefined;
    const base = { endpoint: 'resource', tokenHash: hash, clientId: String(claims.client_id), sub: claims.sub, username: user?.username };
    if (!user) {
      ledger.record({ ...base, type: 'resource.call', detail: { status: 401, reason: 'unknown subject', format: 'jwt' } });
      return deny(ctx, 'invalid_token', 'token owner no longer exists');
    }
    ledger.record({ ...base, type: 'resource.call', detail: { status: 200, format: 'jwt', audience } });
    ctx.body = profileOf(user);
  }
}

function deny(ctx: Context, error: string, description: string) {
  ctx.status = 401;
  ctx.set('WWW-Authenticate', `Bearer error="${error}", error_description="${description}"`);
  ctx.body = { error, error_description: description };
}
