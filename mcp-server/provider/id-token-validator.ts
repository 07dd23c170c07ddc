import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidIdTokenError, ProviderError } from './provider-errors.js';
import type { ProviderClient } from './provider-client.js';

export interface IdTokenClaims {
  sub: string;
  preferred_username?: string;
}

/** Decides who a login is for. Composition point of the `unvalidated-tokens` flaw. */
export interface IdTokenValidator {
  validate(idToken: string | undefined): Promise<IdTokenClaims>;
}

/**
 * Seed 001 #17: a token is trusted only after its signature (keys from the provider's JWKS), issuer, audience
 * and expiry all check out. Without this, whoever can shape a token response picks the user.
 */
export function createVerifyingValidator(provider: ProviderClient, clientId: string, now: () => number): IdTokenValidator {
  let jwks: JWTVerifyGetKey | undefined;
  return {
    async validate(idToken) {
      if (!idToken) throw new InvalidIdTokenError('token response carries no id_token (is "openid" in the scope?)');
      const meta = await provider.discovery.get();
      jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri), { [customFetch]: (url: string) => provider.http.fetchJson(url) });
      try {
        const { payload } = await jwtVerify(idToken, jwks, {
          issuer: meta.issuer,
          audience: clientId,
          currentDate: new Date(now()),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        return claims(payload);
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        throw new InvalidIdTokenError(`id_token rejected: ${(err as Error).message}`);
      }
    },
  };
}

export function claims(payload: Record<string, unknown>): IdTokenClaims {
  if (typeof payload.sub !== 'string' || !payload.sub) throw new InvalidIdTokenError('id_token has no sub');
  return {
    sub: payload.sub,
    ...(typeof payload.preferred_username === 'string' ? { preferred_username: payload.preferred_username } : {}),
  };
}
