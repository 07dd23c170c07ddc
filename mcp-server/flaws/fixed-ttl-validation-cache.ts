import { boundedCache, type ValidationCache } from '../resource-server/validation-cache.js';

/**
 * Flaw validation-cache-outlives-revocation: a validated token stays trusted for the cache lifetime past its own
 * `exp`, so neither its expiry nor a revocation the authorization server would report ends a cached validation.
 */
export function createFixedTtlValidationCache(seconds: number, now: () => number = Date.now): ValidationCache {
  return boundedCache((claims, at) => Math.max(at, claims.exp * 1000) + seconds * 1000, now);
}
