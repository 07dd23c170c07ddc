import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { pause, resetConnection, defineEffect } from './fault-effect.js';

const ms = z.number().min(0, 'must be 0 or more milliseconds');

/** Delays the request before the provider sees it: fixed `ms`, plus up to `jitterMs` drawn from the run's seed. */
export const latency = defineEffect({
  schema: z.strictObject({ ...matchShape, effect: z.literal('latency'), ms, jitterMs: ms.optional() }),
  async run(f, rule, next) {
    const delay = rule.ms + Math.round((rule.jitterMs ?? 0) * f.random());
    f.record('fault.latency', { ms: delay });
    if (!(await pause(delay, f.closing))) return resetConnection(f.ctx);
    return next();
  },
});
