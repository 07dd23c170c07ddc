import { boundedCache, type ValidationCache } from '../resource-server/validation-cache.js';

/** Flaw validation-cache-outlives-revocation: a validated token is trusted for the full cache lifetime, past its own `exp`. */
export function createFixedTtlValidationCache(seconds: number, now: () => number = Date.now): ValidationCache {
  return boundedCache((_claims, at) => at + seconds * 1000, now);
}
