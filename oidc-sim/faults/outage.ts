import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { refuse, resetConnection, defineEffect } from './fault-effect.js';

/**
 * The seed's "OIDC server briefly unavailable": every listed endpoint is down from `from` until `until`.
 * Down means 503 with a `Retry-After` of the time left (as: 'status'), or dropped connections (as: 'reset').
 */
export const outage = defineEffect({
  schema: z.strictObject({
    ...matchShape,
    effect: z.literal('outage'),
    as: z.enum(['status', 'reset']).default('status'),
    status: z.number().int().min(500, 'must be 500-599').max(599, 'must be 500-599').default(503),
  }),
  async run(f, rule) {
    f.record('fault.outage', { as: rule.as });
    if (rule.as === 'reset') return resetConnection(f.ctx);
    const retryAfter = Number.isFinite(f.windowEnd) ? Math.max(0, (f.windowEnd - Date.now()) / 1000) : 1;
    refuse(f.ctx, rule.status, retryAfter, 'the identity provider is unavailable (simulated outage)');
  },
});
