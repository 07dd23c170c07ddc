import type { OidcSim, OidcSimOptions } from '../oidc-sim/index.js';
import { createWorldSim } from './world.js';

/**
 * Simulators a run reuses across its worlds instead of starting one per world (a provider, keys and users each
 * time): a world borrows one started with exactly its options and seed, and gives it back reset, with nothing the
 * world left in flight (see `WorldOptions.reuseSim`). A simulator serves one world at a time; worlds running at once
 * get one each. Users, clients and keys are what the same options and seed would make afresh.
 */
export class SimPool {
  #idle = new Map<string, OidcSim[]>();
  #all = new Set<Promise<OidcSim>>();
  #closed = false;

  /** A simulator for a world of this seed and these options: an idle one that was started with them, or a new one. */
  async acquire(seed: number, options: OidcSimOptions): Promise<{ sim: OidcSim; release(): void }> {
    if (this.#closed) throw new Error('the run has ended: its simulators are closed');
    const key = JSON.stringify([seed, options]);
    const idle = this.#idle.get(key);
    let sim = idle?.pop();
    if (!sim) {
      const started = createWorldSim(seed, options);
      this.#all.add(started);
      started.catch(() => this.#all.delete(started));
      sim = await started;
    }
    const mine = sim;
    let released = false;
    return {
      sim: mine,
      release: () => {
        if (released || this.#closed) return;
        released = true;
        const list = this.#idle.get(key) ?? [];
        list.push(mine);
        this.#idle.set(key, list);
      },
    };
  }

  /** Closes every simulator the pool started. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#idle.clear();
    const all = await Promise.allSettled([...this.#all]);
    await Promise.all(all.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  }
}
