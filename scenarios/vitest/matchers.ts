import { expect } from 'vitest';
import { invariantNames } from '../invariants/index.js';
import type { InvariantVerdict } from '../result-types.js';
import { judge } from './judge.js';

/** What the matchers take: a world (judged now), a `judge()` answer, or a scenario result from `runScenario`. */
export type Judged = { verdicts: InvariantVerdict[] } | { history: { events: readonly unknown[] } };

interface HarnessMatchers<R = unknown> {
  /** The invariant was judged and held. Inconclusive (nothing to judge) never passes, not even negated. */
  toHoldInvariant(name: string): R;
  /** The invariant was judged and violated: what a test of a flaw expects. */
  toViolateInvariant(name: string): R;
  /** Every invariant was judged and held (the run `passed`). */
  toPassEveryInvariant(): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends HarnessMatchers<T> {}
}

const outcomeOf = (v: InvariantVerdict) => v.outcome ?? (v.holds ? 'held' : 'violated');

function verdictsOf(received: unknown): InvariantVerdict[] {
  const r = received as { verdicts?: unknown; history?: { events?: unknown } } | null;
  if (r && Array.isArray(r.verdicts)) return r.verdicts as InvariantVerdict[];
  if (r && r.history && Array.isArray(r.history.events)) return judge(r as never).verdicts;
  throw new TypeError('expected a world, a judge() answer or a scenario result (anything with verdicts or a history)');
}

function verdictNamed(received: unknown, name: string): InvariantVerdict {
  if (!(invariantNames as readonly string[]).includes(name)) throw new TypeError(`unknown invariant '${name}'; known: ${invariantNames.join(', ')}`);
  const verdict = verdictsOf(received).find((v) => v.invariant === name);
  if (!verdict) throw new TypeError(`invariant '${name}' was not judged in this run (skipped by its scenario)`);
  return verdict;
}

const describeVerdict = (v: InvariantVerdict) =>
  `${v.invariant} ${outcomeOf(v)}${v.message ? `: ${v.message}` : ''}${v.witness.length ? ` (witness events ${v.witness.join(', ')})` : ''}`;

expect.extend({
  toHoldInvariant(received: unknown, name: string) {
    const v = verdictNamed(received, name);
    const outcome = outcomeOf(v);
    // Negated, an inconclusive verdict must not pass either: "did not hold" is not "was violated".
    if (outcome === 'inconclusive') return { pass: this.isNot, message: () => `${describeVerdict(v)}; inconclusive is never a pass${this.isNot ? ' (use toViolateInvariant to expect a violation)' : ''}` };
    return { pass: outcome === 'held', message: () => (outcome === 'held' ? `expected ${name} not to hold, but it held` : `expected ${name} to hold, but: ${describeVerdict(v)}`) };
  },
  toViolateInvariant(received: unknown, name: string) {
    const v = verdictNamed(received, name);
    const violated = outcomeOf(v) === 'violated';
    return { pass: violated, message: () => (violated ? `expected ${name} not to be violated, but: ${describeVerdict(v)}` : `expected ${name} to be violated, but it was ${describeVerdict(v)}`) };
  },
  toPassEveryInvariant(received: unknown) {
    const failing = verdictsOf(received).filter((v) => outcomeOf(v) !== 'held');
    return {
      pass: failing.length === 0,
      message: () => (failing.length === 0 ? 'expected some invariant not to hold, but every one held' : `expected every invariant to hold, but:\n${failing.map((v) => `  ${describeVerdict(v)}`).join('\n')}`),
    };
  },
});
