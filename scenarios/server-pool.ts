import type { OidcSim } from '../oidc-sim/index.js';
import type { ServerFactory, ServerHandle } from './server-handle.js';

/**
 * Servers a run reuses across its worlds instead of starting one per world (explore: many short worlds in a row).
 * A server is bound to the simulator it was started for, so a world gets one that was started with its simulator, its
 * flaws and its options, and gives it back reset as new (`ServerHandle.reset`): the next world meets none of its
 * sessions, tokens, events, holds or flaw state. A server serves one world at a time, as its simulator does; one
 * that cannot be reset is started and closed per world as before.
 */
export class ServerPool {
  #all = new Set<ServerHandle>();
  #closed = false;

  /** `factory`, with each server it starts given back to this pool at its world's close instead of closed. */
  reusing(factory: ServerFactory): ServerFactory {
    const idle = new WeakMap<OidcSim, Map<string, ServerHandle[]>>();
    return async (ctx) => {
      if (this.#closed) throw new Error('the run has ended: its servers are closed');
      const key = JSON.stringify([ctx.seed, ctx.flaws, ctx.options]);
      const bySim = idle.get(ctx.sim) ?? new Map<string, ServerHandle[]>();
      idle.set(ctx.sim, bySim);
      const server = bySim.get(key)?.pop() ?? (await factory(ctx));
      if (!server.reset) return server;
      this.#all.add(server);
      let given = false;
      return {
        ...server,
        close: async () => {
          if (given) return;
          given = true;
          if (!this.#closed) {
            try {
              await server.reset!();
              const list = bySim.get(key) ?? [];
              list.push(server);
              bySim.set(key, list);
              return;
            } catch {
              // A server that cannot be made as new is not lent again.
            }
          }
          this.#all.delete(server);
          await server.close();
        },
      };
    };
  }

  /** Closes every server the pool holds, idle or lent. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#all];
    this.#all.clear();
    await Promise.all(all.map((s) => s.close().catch(() => undefined)));
  }
}
