import type Provider from 'oidc-provider';
import type { Context } from 'koa';
import type { Ledger } from './ledger.js';
import { tokenHash } from './token-hash.js';
import { profileOf, type SimUser } from './users.js';
import { RESOURCE_PATH } from './faults/endpoints.js';

type Next = () => Promise<unknown>;
export { RESOURCE_PATH };

/**
 * The protected "profile" API an MCP server calls on a user's behalf. It answers with the token owner's own
 * profile, so an end-to-end call shows whose token was used; every call is a ledger event.
 */
export function resourceApi(provider: Provider, ledger: Ledger, users: Map<string, SimUser>) {
  return async function resource(ctx: Context, next: Next) {
    if (ctx.path !== RESOURCE_PATH) return next();
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method !== 'GET') {
      ctx.status = 405;
      ctx.body = { error: 'method_not_allowed', error_description: 'use GET' };
      return;
    }
    const value = /^Bearer ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'))?.[1];
    if (!value) return deny(ctx, 'invalid_request', 'missing "Authorization: Bearer <access token>"');
    const hash = tokenHash(value);
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
    if (!user) return deny(ctx, 'invalid_token', 'token owner no longer exists');
    ledger.record({ ...base, type: 'resource.call', detail: { status: 200 } });
    ctx.body = profileOf(user);
  };
}

function deny(ctx: Context, error: string, description: string) {
  ctx.status = 401;
  ctx.set('WWW-Authenticate', `Bearer error="${error}", error_description="${description}"`);
  ctx.body = { error, error_description: description };
}
