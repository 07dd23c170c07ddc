import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ReusePolicy } from './reuse-policy.js';

type Next = () => Promise<unknown>;

/**
 * Gives refresh answers the emulated provider's shape: its invalid_grant wording (the ledger keeps
 * oidc-provider's own reason) and, for Google, no refresh_token in a refresh answer. Sits outside the ledger
 * tap, so it has the last word over `exposeErrorDetail`.
 */
export function profileResponse(policy: ReusePolicy) {
  // A profile that shapes nothing (strict, grace, max-reuse, no-rotation) adds no async layer to any request.
  if (!policy.omitRefreshToken && !policy.errorDescription) return (_ctx: KoaContextWithOIDC, next: Next) => next();
  return async function shapeForProfile(ctx: KoaContextWithOIDC, next: Next) {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.oidc.params?.grant_type !== 'refresh_token') return;
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return;
    if (ctx.status === 200 && policy.omitRefreshToken && 'refresh_token' in body) {
      const { refresh_token: _dropped, ...rest } = body;
      ctx.body = rest;
    } else if (body.error === 'invalid_grant' && policy.errorDescription) {
      const detail = (ctx.state.simError as { error_detail?: string } | undefined)?.error_detail ?? '';
      const text = /already used/.test(detail) ? policy.errorDescription.reuse : policy.errorDescription.other;
      ctx.body = { ...body, error_description: text };
    }
  };
}
