import type { Context } from 'koa';
import type { z } from 'zod';
import type { RequestFacts } from './request-facts.js';

export type Next = () => Promise<unknown>;

/** What an effect gets for one matched request. */
export interface FaultRun {
  ctx: Context;
  facts: RequestFacts;
  /** Records `type` in the ledger with this request's endpoint, owner and the rule id. */
  record(type: `fault.${string}`, detail?: Record<string, unknown>): void;
  /** The run's seeded random source (jitter). */
  random(): number;
  /** Epoch ms at which the matching rule's window ends (Infinity when open-ended). */
  windowEnd: number;
  /** Aborted when the simulator closes: whatever an effect holds is let go. */
  closing: AbortSignal;
}

/**
 * A fault effect is a plug-in: its schema (the rule fields it adds) and a Koa-style handler that decides
 * whether, when and how the request goes on to the provider (`next`). The registry in fault-effects.ts
 * collects them, like oidc-provider's grant types.
 */
export interface FaultEffect<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  run(f: FaultRun, rule: z.output<S>, next: Next): Promise<unknown>;
}

/** Declares an effect; the rule type of `run` comes from its schema. */
export const defineEffect = <S extends z.ZodType>(effect: FaultEffect<S>) => effect;

/** Ends the exchange without an answer: the client sees its connection reset. */
export function resetConnection(ctx: Context): void {
  ctx.respond = false;
  ctx.req.socket.destroy();
}

/** An OAuth-shaped error answer, as a provider or its load balancer would send. */
export function refuse(ctx: Context, status: number, retryAfterSeconds: number | undefined, description: string): void {
  ctx.status = status;
  if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(Math.ceil(retryAfterSeconds)));
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { error: status === 429 ? 'slow_down' : 'temporarily_unavailable', error_description: description };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
