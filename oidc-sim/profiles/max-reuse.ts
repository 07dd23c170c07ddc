import { z } from 'zod';
import { defineProfile, type ReusePolicy } from './reuse-policy.js';

export const reuseCount = z.number().int('must be a whole number').min(0, 'must be 0 or more');

/** A rotated refresh token may be presented `n` more times; the next reuse revokes (Keycloak's "Max Reuse"). */
export function maxReusePolicy(name: string, n: number): ReusePolicy {
  return { name, rotate: true, allowsReuse: ({ reuses }) => reuses < n, omitRefreshToken: false, settings: { n } };
}

export const maxReuse = defineProfile({
  schema: z.strictObject({ kind: z.literal('max-reuse'), n: reuseCount }),
  build: (o) => maxReusePolicy('max-reuse', o.n),
});
