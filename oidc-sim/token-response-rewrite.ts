import type { KoaContextWithOIDC } from 'oidc-provider';
import type { JWTPayload } from 'jose';
import type { IdTokenSigner } from './id-token-signer.js';
import type { Ledger } from './ledger.js';
import type { TamperKind, TamperRules } from './tamper.js';
import type { SimUser } from './users.js';

type Next = () => Promise<unknown>;
const TIME_CLAIMS = ['iat', 'exp', 'nbf', 'auth_time'] as const;

export interface RewriteDeps {
  skewMs(): number;
  tamper: TamperRules;
  signer: IdTokenSigner;
  ledger: Ledger;
  users: SimUser[];
  idTokenLifetime: number;
}

/**
 * Alters what the provider says on its way out. Skew: the simulator's clock is ahead or behind by `skewMs` in
 * everything it states about time (id_token iat/exp/auth_time, introspection iat/exp, the Date header) while its
 * tokens really expire on the host clock, as a provider with a wrong clock would. Tamper: the next matching
 * token answer carries a bad id_token. `expires_in` is relative and stays honest.
 */
export function tokenResponseRewrite(deps: RewriteDeps) {
  // Without skew or a tamper rule there is nothing to rewrite: the request passes on without an async layer of this
  // one. Rules added while a request is inside the provider apply from the next answer (a gate holds requests
  // before they get here, so a rule added while one is held still applies to it).
  return function rewriteTokenResponse(ctx: KoaContextWithOIDC, next: Next) {
    return deps.skewMs() || deps.tamper.size ? rewrite(ctx, next) : next();
  };

  async function rewrite(ctx: KoaContextWithOIDC, next: Next) {
    await next();
    const skewMs = deps.skewMs();
    if (skewMs && ctx.oidc?.route) ctx.set('Date', new Date(Date.now() + skewMs).toUTCString());
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.status !== 200 || !body || typeof body !== 'object') return;
    if (ctx.oidc?.route === 'introspection' && skewMs) ctx.body = shift({ ...body }, skewMs);
    if (ctx.oidc?.route !== 'token' || typeof body.id_token !== 'string') return;
    // Neither skew nor a tamper rule: nothing to rewrite, so the id_token is not even decoded.
    if (!skewMs && !deps.tamper.size) return;

    const { claims, header } = deps.signer.decode(body.id_token);
    const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
    const owner = deps.users.find((u) => u.sub === sub);
    const rule = deps.tamper.take(sub, owner?.username);
    if (!skewMs && !rule) return;
    shift(claims, skewMs);
    if (rule) {
      tamper(rule.kind, claims, deps, sub);
      deps.ledger.record({
        type: 'fault.tamper',
        endpoint: 'token',
        rule: rule.id,
        sub,
        username: owner?.username,
        clientId: ctx.oidc.client?.clientId,
        detail: { rule: rule.id, kind: rule.kind, grantType: ctx.oidc.params?.grant_type },
      });
    }
    ctx.body = { ...body, id_token: await deps.signer.sign(claims, header, rule?.kind === 'unknown-key') };
  }
}

function shift<T extends Record<string, unknown>>(claims: T, skewMs: number): T {
  const by = Math.round(skewMs / 1000);
  for (const claim of TIME_CLAIMS) if (typeof claims[claim] === 'number') (claims as Record<string, unknown>)[claim] = (claims[claim] as number) + by;
  return claims;
}

function tamper(kind: TamperKind, claims: JWTPayload, deps: RewriteDeps, sub: string | undefined): void {
  const now = Math.floor(Date.now() / 1000);
  if (kind === 'expired') {
    claims.exp = now - 60;
    claims.iat = claims.exp - deps.idTokenLifetime;
  } else if (kind === 'wrong-audience') {
    claims.aud = 'someone-else';
  } else if (kind === 'other-subject') {
    claims.sub = deps.users.find((u) => u.sub !== sub)?.sub ?? 'someone-else';
  }
}
