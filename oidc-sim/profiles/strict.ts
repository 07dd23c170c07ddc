import { z } from 'zod';
import { never, defineProfile } from './reuse-policy.js';

/** node-oidc-provider's own rule: any reuse of a rotated refresh token revokes the whole grant. */
export const strict = defineProfile({
  schema: z.strictObject({ kind: z.literal('strict') }),
  build: () => ({ name: 'strict', rotate: true, allowsReuse: never, omitRefreshToken: false, settings: {} }),
});
