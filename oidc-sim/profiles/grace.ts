import { z } from 'zod';
import { defineProfile, type ReusePolicy } from './reuse-policy.js';

export const windowSeconds = z.number().min(0, 'must be 0 or more seconds');

/**
 * The previous refresh token may be reused inside a window after its rotation, each reuse minting a sibling;
 * after the window, reuse revokes the family. The window is in seconds like every lifetime, scaled by timeScale.
 */
export function gracePolicy(name: string, seconds: number, timeScale: number): ReusePolicy {
  const windowMs = seconds * timeScale * 1000;
  return {
    name,
    rotate: true,
    allowsReuse: ({ sinceRotationMs }) => sinceRotationMs < windowMs,
    omitRefreshToken: false,
    settings: { windowSeconds: seconds, windowMs },
  };
}

export const grace = defineProfile({
  schema: z.strictObject({ kind: z.literal('grace'), windowSeconds }),
  build: (o, { timeScale }) => gracePolicy('grace', o.windowSeconds, timeScale),
});
