import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Ledger, LedgerEvent } from './ledger.js';
import { endpointOf, type Endpoint } from './faults/endpoints.js';
import { tokenHash } from './token-hash.js';
import type { SimUser } from './users.js';

type Next = () => Promise<unknown>;
type Entity = { jti?: string; grantId?: string; accountId?: string; clientId?: string } | undefined;
type OAuthError = Error & { error?: string; error_detail?: string; error_description?: string };

/** The endpoints whose answers the tap records (below); every other request passes it by. */
const TAPPED = new Set<Endpoint>(['token', 'revocation', 'introspection', 'registration', 'userinfo']);

const hashOf = (entity: Entity) => (entity?.jti ? tokenHash(entity.jti) : undefined);

/**
 * Writes the ledger from what the provider did: which tokens a grant issued, which refresh token each one was
 * rotated from, which reuse it detected and which grant it revoked. It also restores the reason of an
 * `invalid_grant` into `error_description` when configured to (oidc-provider keeps it for its events only).
 */
export function ledgerTap(provider: Provider, ledger: Ledger, users: Map<string, SimUser>, exposeErrorDetail: boolean) {
  const who = (sub?: string) => (sub ? { sub, username: users.get(sub)?.username } : {});

  provider.on('grant.error', (ctx: KoaContextWithOIDC, err: OAuthError) => {
    ctx.state.simError = err;
  });
  provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    const e = ctx.oidc?.entities as Record<string, Entity> | undefined;
    const owner = e?.RefreshToken ?? e?.AccessToken ?? e?.Grant;
    ledger.record({
      type: 'grant.revoked',
      endpoint: ctx.oidc?.route ?? 'control',
      grantId,
      family: grantId,
      clientId: ctx.oidc?.client?.clientId,
      ...who(owner?.accountId),
      detail: { reason: ctx.state.simError?.error_detail ?? ctx.oidc?.route },
    });
  });

  // Not async itself: only the endpoints it records get an async layer of this one; a login's authorization and
  // interaction requests pass on without (issue 18).
  return function tap(ctx: KoaContextWithOIDC, next: Next) {
    const endpoint = endpointOf(ctx);
    return endpoint !== undefined && TAPPED.has(endpoint) ? record(ctx, next) : next();
  };

  async function record(ctx: KoaContextWithOIDC, next: Next) {
    await next();
    const route = ctx.oidc?.route;
    if (!route) return;
    const entities = (ctx.oidc.entities ?? {}) as Record<string, Entity>;
    const body = ctx.body as Record<string, unknown> | undefined;
    const err = ctx.state.simError as OAuthError | undefined;
    const base = (e: Entity): Omit<LedgerEvent, 'seq' | 'at' | 'time' | 'type'> => ({
      endpoint: route,
      grantId: e?.grantId,
      family: e?.grantId,
      clientId: e?.clientId ?? ctx.oidc.client?.clientId,
      ...who(e?.accountId),
    });

    if (route === 'token') {
      const grantType = ctx.oidc.params?.grant_type as string | undefined;
      if (ctx.status === 200) {
        const rt = entities.RefreshToken;
        const at = entities.AccessToken;
        ledger.record({
          ...base(at),
          type: grantType === 'refresh_token' ? 'token.refreshed' : 'token.issued',
          endpoint: route,
          tokenHash: hashOf(rt),
          parent: hashOf(entities.RotatedRefreshToken),
          detail: { grantType, accessTokenHash: hashOf(at), rotated: Boolean(entities.RotatedRefreshToken) },
        });
        // The caller gave up (its own timeout, a reset) while the provider worked: the old refresh token is consumed
        // and the new one has nowhere to go. A retry with the old one is then reuse by construction, as with
        // commit-then-fail, and the invariants must know it was the network's doing, not the caller's.
        // Seen here when the caller hung up before now; otherwise when the answer, still to be written, never
        // finishes because the connection closed first.
        if (entities.RotatedRefreshToken) {
          const lost = () =>
            ledger.record({
              ...base(at),
              type: 'token.undelivered',
              endpoint: route,
              tokenHash: hashOf(rt),
              parent: hashOf(entities.RotatedRefreshToken),
              detail: { grantType, reason: 'the caller closed its connection before the answer was sent' },
            });
          const res = ctx.res;
          if (ctx.req.socket.destroyed) lost();
          else res.once('close', () => res.writableFinished || lost());
        }
      } else if (grantType === 'refresh_token' && err) {
        const detail = err.error_detail ?? err.message;
        const presented = ctx.oidc.params?.refresh_token as string | undefined;
        // The provider names the token's entity only after its expiry check: look an expired one up ourselves.
        const token = entities.RefreshToken ?? (presented ? ((await provider.RefreshToken.find(presented, { ignoreExpiration: true })) as Entity) : undefined);
        ledger.record({
          ...base(token),
          type: /already used/.test(detail) ? 'reuse.detected' : /expired/.test(detail) ? 'expired.use' : 'refresh.rejected',
          endpoint: route,
          tokenHash: presented ? tokenHash(presented) : undefined,
          detail: { error: err.error, reason: detail, status: ctx.status },
        });
      }
      if (exposeErrorDetail && err?.error_detail && body?.error === 'invalid_grant') {
        ctx.body = { ...body, error_description: err.error_detail };
      }
    } else if (route === 'revocation' && ctx.status === 200) {
      const token = entities.RefreshToken ?? entities.AccessToken;
      ledger.record({
        ...base(token),
        type: 'token.revoked',
        tokenHash: hashOf(token),
        detail: { kind: entities.RefreshToken ? 'refresh_token' : entities.AccessToken ? 'access_token' : 'unknown' },
      });
    } else if (route === 'introspection' && ctx.status === 200) {
      const token = entities.RefreshToken ?? entities.AccessToken;
      const presented = ctx.oidc.params?.token as string | undefined;
      ledger.record({
        ...base(token),
        type: 'introspected',
        tokenHash: presented ? tokenHash(presented) : undefined,
        detail: { active: body?.active === true },
      });
    } else if (route === 'registration' && ctx.status === 201) {
      ledger.record({
        type: 'client.registered',
        endpoint: route,
        clientId: body?.client_id as string | undefined,
        detail: { redirectUris: body?.redirect_uris, grantTypes: body?.grant_types, authMethod: body?.token_endpoint_auth_method },
      });
    } else if (route === 'userinfo') {
      const at = entities.AccessToken;
      ledger.record({
        ...base(at),
        type: 'userinfo',
        tokenHash: hashOf(at),
        detail: { status: ctx.status },
      });
    }
  }
}
