import { z } from 'zod';
import { InvalidOptionError } from './errors.js';
import { parseInput } from './parse-input.js';

/** How a tampered id_token is wrong; a correct client refuses each (OIDC Core 3.1.3.7). */
export const TAMPER_KINDS = ['expired', 'wrong-audience', 'unknown-key', 'other-subject'] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

const tamperSchema = z.strictObject({
  id: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ - (at most 64)').optional(),
  kind: z.enum(TAMPER_KINDS, { error: `unknown tamper kind (one of ${TAMPER_KINDS.join(', ')})` }),
  /** Only token answers for this user (username or sub). */
  user: z.string().min(1).optional(),
  /** Only the next N matching answers; all of them until removed when absent. */
  times: z.number().int().positive().optional(),
});
export type TamperInput = z.input<typeof tamperSchema>;
export type TamperRule = z.output<typeof tamperSchema> & { id: string; remaining: number };

/** Tamper rules in the order added; the first that matches an answer alters it. */
export class TamperRules {
  #rules: TamperRule[] = [];
  #seq = 0;

  add(input: TamperInput): TamperRule {
    const parsed = parseInput(tamperSchema, input);
    const taken = (id: string) => this.#rules.some((r) => r.id === id);
    if (parsed.id && taken(parsed.id)) throw new InvalidOptionError('id', `'${parsed.id}' is already in use`);
    let id = parsed.id;
    while (!id || taken(id)) id = `t${++this.#seq}`;
    const rule = { ...parsed, id, remaining: parsed.times ?? Infinity };
    this.#rules.push(rule);
    return rule;
  }

  /** Rules in effect: with none, an answer has nothing to be tampered with. */
  get size(): number {
    return this.#rules.length;
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  clear(): number {
    const count = this.#rules.length;
    this.#rules = [];
    return count;
  }

  /** As new: no rule, and ids count from t1 again. */
  reset(): void {
    this.clear();
    this.#seq = 0;
  }

  list(): Array<TamperRule & { effect: 'tamper' }> {
    return this.#rules.map((r) => ({ ...r, effect: 'tamper' as const }));
  }

  /** The rule that applies to an answer for this user, counted as used; undefined when none does. */
  take(sub: string | undefined, username: string | undefined): TamperRule | undefined {
    const rule = this.#rules.find((r) => r.remaining > 0 && (!r.user || r.user === sub || r.user === username));
    if (!rule) return undefined;
    if (--rule.remaining <= 0) this.remove(rule.id);
    return rule;
  }
}
