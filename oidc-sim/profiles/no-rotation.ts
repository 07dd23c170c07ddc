import { z } from 'zod';
import { never, defineProfile } from './reuse-policy.js';

/** The refresh token is never rotated: every refresh answers the same one, so there is no reuse to detect. */
export const noRotation = defineProfile({
  schema: z.strictObject({ kind: z.literal('no-rotation') }),
  build: () => ({ name: 'no-rotation', rotate: false, allowsReuse: never, omitRefreshToken: false, settings: {} }),
});
