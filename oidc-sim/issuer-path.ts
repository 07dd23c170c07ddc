import type { Context, Next } from 'koa';

/**
 * For an impersonated issuer with a path (`https://login.microsoftonline.com/<tenant>/v2.0`, Keycloak's
 * `/realms/<name>`): requests under that path reach the provider's routes without it, and `req.originalUrl` keeps
 * it, which is where oidc-provider reads its mount path from — so discovery and redirects name URLs under the
 * issuer's path, as the real provider's do. Requests without the prefix (the simulator's own loopback callers) are
 * left alone.
 */
export function issuerPath(issuer: string) {
  const prefix = new URL(issuer).pathname.replace(/\/+$/, '');
  return async function stripIssuerPath(ctx: Context, next: Next) {
    if (prefix && (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`))) {
      (ctx.req as { originalUrl?: string }).originalUrl = ctx.url;
      ctx.path = ctx.path.slice(prefix.length) || '/';
    }
    return next();
  };
}

/**
 * The control API is the harness's lever, not part of the provider being impersonated: the forwarders keep it off
 * the impersonated origin, at its root and under the issuer's path (which the simulator strips).
 */
export function isControlPath(issuer: string, pathname: string): boolean {
  const prefix = new URL(issuer).pathname.replace(/\/+$/, '');
  return [...new Set(['', prefix])].some((base) => pathname === `${base}/control` || pathname.startsWith(`${base}/control/`));
}
