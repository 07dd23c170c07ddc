import type Provider from 'oidc-provider';
import type { Context } from 'koa';
import { InvalidOptionError, UnknownFaultError } from '../errors.js';
import type { Ledger } from '../ledger.js';
import { parseInput } from '../parse-input.js';
import type { SimUser } from '../users.js';
import { endpointOf, type Endpoint } from './endpoints.js';
import type { FaultEffect, FaultRun, Next } from './fault-effect.js';
import { faultEffects, faultRuleSchema, type FaultRule, type FaultRuleInput } from './fault-effects.js';
import { matchSchema, matches, spent, toMatcher, type Matcher, type MatchInput } from './fault-match.js';
import { Gate } from './gate.js';
import { RequestFacts, type RequestSummary } from './request-facts.js';
import { seededRandom } from '../../support/index.js';

/** What `faults.add` returns: the rule's id and a way to take it back. */
export interface FaultHandle {
  readonly id: string;
  remove(): void;
}

interface ActiveRule {
  id: string;
  matcher: Matcher;
  rule: FaultRule | { effect: 'gate'; match: MatchInput };
  run(f: FaultRun, next: Next): Promise<unknown>;
}

export interface FaultLayerDeps {
  provider: Provider;
  ledger: Ledger;
  users: Map<string, SimUser>;
  seed: number;
}

/**
 * The fault layer: one Koa middleware in front of every simulator endpoint (after the control API, before the
 * refresh serializer) that runs the effects of the rules a request matches, in the order they were added.
 */
export class FaultLayer {
  #rules: ActiveRule[] = [];
  #gates = new Map<string, Gate>();
  #seq = 0;
  #closing = new AbortController();
  #random: () => number;

  constructor(private readonly deps: FaultLayerDeps) {
    this.#random = seededRandom(deps.seed);
  }

  add(input: FaultRuleInput): FaultHandle {
    const rule = parseInput(faultRuleSchema, input);
    const id = this.#claim(rule.id, 'f');
    const effect = faultEffects[rule.effect] as FaultEffect;
    this.#rules.push({ id, matcher: toMatcher(rule), rule, run: (f, next) => effect.run(f, rule, next) });
    return { id, remove: () => void this.remove(id) };
  }

  /** Removes a rule or gate (a gate lets what it holds go on); false when there was none. */
  remove(id: string): boolean {
    const gate = this.#gates.get(id);
    if (gate) {
      void gate.remove();
      return true;
    }
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every rule and gate; returns how many there were. */
  clear(): number {
    const count = new Set([...this.#rules.map((r) => r.id), ...this.#gates.keys()]).size;
    for (const gate of [...this.#gates.values()]) void gate.remove();
    this.#rules = [];
    return count;
  }

  /** Active rules and gates, as added (ids resolved). */
  list(): Array<{ id: string; remaining: number | null } & Record<string, unknown>> {
    return this.#rules.map((r) => ({ ...r.rule, id: r.id, remaining: Number.isFinite(r.matcher.remaining) ? r.matcher.remaining : null }));
  }

  gate(input: MatchInput = { endpoint: 'token' }): Gate {
    const match = parseInput(matchSchema, input);
    const id = this.#claim(match.id, 'g');
    const gate = new Gate(id, (g) => {
      this.#gates.delete(g.id);
      this.#rules = this.#rules.filter((r) => r.id !== g.id);
    });
    this.#gates.set(id, gate);
    this.#rules.push({ id, matcher: toMatcher(match), rule: { effect: 'gate', match }, run: (f, next) => gate.pass(f, next) });
    return gate;
  }

  getGate(id: string): Gate {
    const gate = this.#gates.get(id);
    if (!gate) throw new UnknownFaultError('gate', id);
    return gate;
  }

  /**
   * As new (the simulator's reset): no rule or gate (what gates hold goes on), hung and delayed requests let go
   * without an answer, ids count from the start and the seeded random source starts over, so a world on a reset
   * simulator meets the same ids and jitter as on a fresh one.
   */
  reset(): void {
    this.clear();
    this.#closing.abort();
    this.#closing = new AbortController();
    this.#seq = 0;
    this.#random = seededRandom(this.deps.seed);
  }

  /** The simulator is closing: hung and held requests are let go without an answer. */
  close(): void {
    this.#closing.abort();
    for (const gate of this.#gates.values()) gate.drop();
  }

  middleware() {
    // Not async itself: with no rule for its endpoint, a request passes on without a promise of this layer.
    return (ctx: Context, next: Next) => {
      const endpoint = this.#rules.length ? endpointOf(ctx) : undefined;
      return endpoint ? this.#apply(ctx, endpoint, next) : next();
    };
  }

  #apply(ctx: Context, endpoint: Endpoint, next: Next): Promise<unknown> {
    const facts = new RequestFacts(ctx, endpoint, this.deps.provider, this.deps.users);
    const rules = [...this.#rules];
    // Matching is lazy: a rule after a refusal never counts the request as one of its `times`.
    const dispatch = async (from: number): Promise<unknown> => {
      for (let i = from; i < rules.length; i++) {
        const r = rules[i]!;
        if (!(await matches(r.matcher, facts)) || r.matcher.remaining <= 0) continue;
        r.matcher.remaining--;
        if (spent(r.matcher) && !this.#gates.has(r.id)) this.#rules = this.#rules.filter((x) => x !== r);
        const run = this.#run(ctx, facts, await facts.summary(), r);
        return r.run(run, () => dispatch(i + 1));
      }
      return next();
    };
    return dispatch(0);
  }

  #run(ctx: Context, facts: RequestFacts, who: RequestSummary, r: ActiveRule): FaultRun {
    return {
      ctx,
      facts,
      random: this.#random,
      closing: this.#closing.signal,
      windowEnd: r.matcher.untilAt,
      record: (type, detail) =>
        this.deps.ledger.record({
          type,
          endpoint: who.endpoint,
          rule: r.id,
          sub: who.sub,
          username: who.username,
          grantId: who.grantId,
          family: who.grantId,
          clientId: who.clientId,
          tokenHash: who.tokenHash,
          detail: { rule: r.id, ...(who.grantType && { grantType: who.grantType }), ...detail },
        }),
    };
  }

  #claim(wanted: string | undefined, prefix: string): string {
    const taken = (id: string) => this.#rules.some((r) => r.id === id) || this.#gates.has(id);
    if (wanted !== undefined) {
      if (taken(wanted)) throw new InvalidOptionError('id', `'${wanted}' is already in use`);
      return wanted;
    }
    let id: string;
    do id = `${prefix}${++this.#seq}`;
    while (taken(id));
    return id;
  }
}
