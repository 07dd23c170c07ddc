import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { refuse as answer, defineEffect } from './fault-effect.js';

/**
 * Answers in place of the provider: 5xx or 429 with `Retry-After` (seconds). The provider never sees the
 * request, so nothing is consumed: a correct client may retry with the same refresh token.
 */
export const refuse = defineEffect({
  schema: z.strictObject({
    ...matchShape,
    effect: z.literal('refuse'),
    status: z.number().int().refine((s) => s === 429 || (s >= 500 && s <= 599), 'must be 429 or 500-599').default(503),
    retryAfter: z.number().min(0, 'must be 0 or more seconds').optional(),
  }),
  async run(f, rule) {
    const retryAfter = rule.retryAfter ?? 1;
    f.record('fault.refused', { status: rule.status, retryAfter });
    answer(f.ctx, rule.status, retryAfter, 'the simulator refused this request (fault rule)');
  },
});
