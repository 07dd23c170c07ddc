import type { Context } from 'koa';
import type { Ledger } from './ledger.js';
import { isLoopbackUrl } from './loopback-url.js';
import type { SimConfig } from './options.js';
import { readJsonBody } from './request-form.js';

type Next = () => Promise<unknown>;
export const REGISTRATION_PATH = '/reg';

/**
 * With `registration: 'loopback'` (the default), a dynamic registration (RFC 7591) is accepted only when every
 * redirect URI it names is on a loopback host: what an MCP client on a developer's machine registers, and never
 * a way to send codes off the machine. Everything else about the request is oidc-provider's to judge.
 */
export function registrationGuard(mode: SimConfig['registration'], ledger: Ledger) {
  // Not async itself: a request for another path passes on without a promise of this layer (issue 18).
  return function guard(ctx: Context, next: Next) {
    return mode === 'loopback' && ctx.path === REGISTRATION_PATH && ctx.method === 'POST' ? check(ctx, next) : next();
  };

  async function check(ctx: Context, next: Next) {
    const body = await readJsonBody(ctx);
    const uris = Array.isArray(body?.redirect_uris) ? (body.redirect_uris as unknown[]) : [];
    const outside = uris.find((u) => typeof u !== 'string' || !isLoopbackUrl(u));
    if (outside !== undefined) {
      ledger.record({ type: 'registration.rejected', endpoint: 'registration', detail: { status: 400, redirectUri: outside } });
      ctx.status = 400;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {
        error: 'invalid_redirect_uri',
        error_description: `redirect_uris must be on 127.0.0.1, [::1] or localhost (registration: 'loopback'), got ${JSON.stringify(outside)}`,
      };
      return;
    }
    return next();
  }
}
