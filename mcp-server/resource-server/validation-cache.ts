import { createHash } from 'node:crypto';
import type { AccessClaims, AccessTokenVerifier } from './access-token-verifier.js';

export interface ValidationCache {
  /** The token's claims, from the cache while trusted, else from `verify`. */
  validate(token: string, verify: AccessTokenVerifier): Promise<AccessClaims>;
}

export const digestOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Trusts a validated token for `seconds`, and never past its own `exp`: a cached "valid" must not outlive the
 * token (or, for a server that introspects, its revocation by more than the declared lifetime). Keyed by a digest.
 */
export function createValidationCache(seconds: number, now: () => number = Date.now): ValidationCache {
  return boundedCache((claims, at) => Math.min(at + seconds * 1000, claims.exp * 1000), now);
}

/** A cache whose entries live until `until(claims, now)`; what a cache entry's lifetime is, is the caller's rule. */
export function boundedCache(until: (claims: AccessClaims, at: number) => number, now: () => number): ValidationCache {
  const entries = new Map<string, { claims: AccessClaims; until: number }>();
  return {
    async validate(token, verify) {
      const key = digestOf(token);
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.until > at) return hit.claims;
      entries.delete(key);
      const claims = await verify(token);
      if (entries.size > 10_000) entries.clear();
      entries.set(key, { claims, until: until(claims, at) });
      return claims;
    },
  };
}
