import { createRemoteJWKSet, customFetch, jwksCache, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidIdTokenError, ProviderError } from './provider-errors.js';
import type { ProviderClient } from './provider-client.js';

export interface IdTokenClaims {
  sub: string;
  preferred_username?: string;
}

/** Decides who a login is for. Composition point of the `unvalidated-tokens` flaw. */
export interface IdTokenValidator {
  /** `accessToken`, when given, is used to ask userinfo who the token speaks for (OIDC Core §5.3.2). */
  validate(idToken: string | undefined, accessToken?: string): Promise<IdTokenClaims>;
}

/**
 * Seed 001 #17: a token is trusted only after its signature (keys from the provider's JWKS), issuer, audience
 * and expiry all check out. Without this, whoever can shape a token response picks the user.
 */
export function createVerifyingValidator(provider: ProviderClient, clientId: string, now: () => number, maxIatSkewMs = 60_000): IdTokenValidator {
  let jwks: JWTVerifyGetKey | undefined;
  return {
    async validate(idToken, accessToken) {
      if (!idToken) throw new InvalidIdTokenError('token response carries no id_token (is "openid" in the scope?)');
      const meta = await provider.discovery.get();
      // Keys fetched before a reset seed this set (provider.facts); fetches go through this client's own HTTP.
      jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri), { [customFetch]: (url: string) => provider.http.fetchJson(url), [jwksCache]: provider.facts.jwks });
      try {
        const { payload } = await jwtVerify(idToken, jwks, {
          algorithms: signingAlgorithms(meta.id_token_signing_alg_values_supported),
          issuer: meta.issuer,
          audience: clientId,
          currentDate: new Date(now()),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        // jose checks iat only with maxTokenAge; a token "issued" a year ahead would pass (issue 13).
        if (typeof payload.iat !== 'number' || payload.iat * 1000 > now() + maxIatSkewMs) {
          throw new InvalidIdTokenError(`id_token rejected: "iat" lies more than ${maxIatSkewMs / 1000} s in the future (idTokenIatSkewSeconds)`);
        }
        const verified = claims(payload);
        return accessToken ? { ...verified, ...(await sameSubject(provider, verified, accessToken)) } : verified;
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        throw new InvalidIdTokenError(`id_token rejected: ${(err as Error).message}`);
      }
    },
  };
}

/**
 * OIDC Core §5.3.2: userinfo's `sub` MUST equal the id_token's; a mismatch means the id_token was substituted (a
 * signed token for someone else). Userinfo also carries the display name providers keep out of id_tokens. An
 * unreachable userinfo costs only the name: the id_token itself has passed every check.
 */
async function sameSubject(provider: ProviderClient, verified: IdTokenClaims, accessToken: string): Promise<Partial<IdTokenClaims>> {
  let info: Record<string, unknown>;
  try {
    info = await provider.userinfo(accessToken);
  } catch {
    return {};
  }
  if (info.sub !== verified.sub) throw new InvalidIdTokenError('id_token names another subject than userinfo does for its access token');
  return !verified.preferred_username && typeof info.preferred_username === 'string' ? { preferred_username: info.preferred_username } : {};
}

/** Public-key algorithms only, as the provider announces them: never `none`, never a shared-secret HMAC. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
function signingAlgorithms(announced: string[] | undefined): string[] {
  return announced ? ASYMMETRIC.filter((a) => announced.includes(a)) : ['RS256'];
}

export function claims(payload: Record<string, unknown>): IdTokenClaims {
  if (typeof payload.sub !== 'string' || !payload.sub) throw new InvalidIdTokenError('id_token has no sub');
  return {
    sub: payload.sub,
    ...(typeof payload.preferred_username === 'string' ? { preferred_username: payload.preferred_username } : {}),
  };
}
