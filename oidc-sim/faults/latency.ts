import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { pause, resetConnection, defineEffect } from './fault-effect.js';

/** Node's timers hold a signed 32-bit delay; a longer one fires after about 1 ms instead (issue 13). */
const MAX_DELAY_MS = 2 ** 31 - 1;
const ms = z.number().min(0, 'must be 0 or more milliseconds').max(MAX_DELAY_MS, `must be at most ${MAX_DELAY_MS} milliseconds (about 24.8 days)`);

/** Delays the request before the provider sees it: fixed `ms`, plus up to `jitterMs` drawn from the run's seed. */
export const latency = defineEffect({
  schema: z
    .strictObject({ ...matchShape, effect: z.literal('latency'), ms, jitterMs: ms.optional() })
    .refine((r) => r.ms + (r.jitterMs ?? 0) <= MAX_DELAY_MS, { path: ['jitterMs'], message: `ms + jitterMs must be at most ${MAX_DELAY_MS} milliseconds` }),
  async run(f, rule, next) {
    const delay = rule.ms + Math.round((rule.jitterMs ?? 0) * f.random());
    f.record('fault.latency', { ms: delay });
    if (!(await pause(delay, f.closing))) return resetConnection(f.ctx);
    return next();
  },
});
