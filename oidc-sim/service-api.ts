import type { Context } from 'koa';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWK } from 'jose';
import type { Ledger } from './ledger.js';
import { tokenHash } from './token-hash.js';
import { profileOf, type SimUser } from './users.js';

import { SERVICE_PATH } from './service-path.js';

type Next = () => Promise<unknown>;

export interface ServiceApiDeps {
  ledger: Ledger;
  users: Map<string, SimUser>;
  issuer: string;
  signingKey: Record<string, unknown>;
}

/**
 * The resource API as an MCP resource server calls it with its own credentials: a client-credentials JWT issued
 * for `<issuer>/api/users` (RFC 8707), naming the user in the path. Anything else is refused and recorded with
 * its token hash and claimed subject, so a client's token passed through (MCP spec: token passthrough) is visible
 * in the ledger as a resource call with that token's hash.
 */
export function serviceApi({ ledger, users, issuer, signingKey }: ServiceApiDeps) {
  const audience = `${issuer}${SERVICE_PATH}`;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingKey;
  const jwks = createLocalJWKSet({ keys: [publicJwk as JWK] });
  // Not async itself: a request for another path passes on without a promise of this layer (issue 18).
  return function service(ctx: Context, next: Next) {
    const match = /^\/api\/users\/([^/]+)$/.exec(ctx.path);
    return match ? answer(ctx, match[1]!) : next();
  };

  async function answer(ctx: Context, who: string) {
    ctx.set('Cache-Control', 'no-store');
    const value = /^Bearer ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'))?.[1];
    if (!value) return deny(ctx, 'invalid_request', 'missing "Authorization: Bearer <access token>"');
    const hash = tokenHash(value);
    let claims: { sub?: unknown; client_id?: unknown; aud?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(value, jwks, { issuer, audience, typ: 'at+jwt', clockTolerance: 0 }));
    } catch (err) {
      const unverified = safeDecode(value);
      const sub = typeof unverified?.sub === 'string' ? unverified.sub : undefined;
      ledger.record({
        type: 'resource.call',
        endpoint: 'resource',
        tokenHash: hash,
        sub,
        username: sub ? users.get(sub)?.username : undefined,
        detail: { status: 401, service: true, reason: (err as Error).message, ...(unverified ? { audience: unverified.aud } : {}) },
      });
      return deny(ctx, 'invalid_token', `not a service token for ${audience}: ${(err as Error).message}`);
    }
    // A user's token for this API is still not the caller's own credential: only client credentials name a user here.
    if (typeof claims.sub === 'string' && users.has(claims.sub)) {
      ledger.record({ type: 'resource.call', endpoint: 'resource', tokenHash: hash, sub: claims.sub, username: users.get(claims.sub)?.username, detail: { status: 403, service: true, reason: 'a user token, not client credentials' } });
      ctx.status = 403;
      ctx.body = { error: 'insufficient_scope', error_description: 'the service API takes client credentials only' };
      return;
    }
    const user = users.get(decodeURIComponent(who));
    const base = { endpoint: 'resource', tokenHash: hash, clientId: String(claims.client_id) };
    if (!user) {
      ledger.record({ ...base, type: 'resource.call', detail: { status: 404, service: true } });
      ctx.status = 404;
      ctx.body = { error: 'not_found', error_description: 'no such user' };
      return;
    }
    ledger.record({ ...base, type: 'resource.call', sub: user.sub, username: user.username, detail: { status: 200, service: true, audience } });
    ctx.body = profileOf(user);
  }
}

function safeDecode(value: string): { sub?: unknown; aud?: unknown } | undefined {
  try {
    return decodeJwt(value);
  } catch {
    return undefined;
  }
}

function deny(ctx: Context, error: string, description: string) {
  ctx.status = 401;
  ctx.set('WWW-Authenticate', `Bearer error="${error}", error_description="${description.replace(/"/g, "'")}"`);
  ctx.body = { error, error_description: description };
}
