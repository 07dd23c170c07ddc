import type { Context, Next } from 'koa';

/**
 * Counts requests the simulator is still handling, whoever sent them and whether or not their client is still there:
 * oidc-provider finishes a request whose client hung up, and records it in the ledger when it does. A simulator
 * reused across worlds waits for them (`idle`) so that nothing the last world started lands in the next one's ledger.
 */
export class InFlight {
  #count = 0;
  #waiters: Array<() => void> = [];

  get count(): number {
    return this.#count;
  }

  /** Resolves once no request is being handled (at once when none is). */
  idle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  readonly middleware = async (_ctx: Context, next: Next): Promise<void> => {
    this.#count++;
    try {
      await next();
    } finally {
      if (--this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  };
}
