import { z } from 'zod';
import { commitThenFail } from './commit-then-fail.js';
import { hang } from './hang.js';
import { latency } from './latency.js';
import { outage } from './outage.js';
import { refuse } from './refuse.js';
import { reset } from './reset.js';
import type { FaultEffect } from './fault-effect.js';

/** Every fault effect, by the name a rule's `effect` field uses. Gates are set with `sim.gate()`, not here. */
export const faultEffects = {
  latency,
  refuse,
  reset,
  hang,
  outage,
  'commit-then-fail': commitThenFail,
} satisfies Record<string, FaultEffect>;

export type FaultEffectName = keyof typeof faultEffects;

export const faultRuleSchema = z.discriminatedUnion('effect', [
  latency.schema,
  refuse.schema,
  reset.schema,
  hang.schema,
  outage.schema,
  commitThenFail.schema,
]);

/** A fault rule as a caller writes it (in-process or as the control API's JSON body). */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
