import { performance } from 'node:perf_hooks';
import type { HistoryEvent } from './result-types.js';

export type NewEvent = Omit<HistoryEvent, 'seq' | 'at'> & { at?: number };

/**
 * The one history of a run: client operations, server events, the simulator's ledger and faults, each stamped
 * on one monotonic clock (performance.now() relative to the scenario start) and numbered in arrival order.
 */
export class History {
  readonly events: HistoryEvent[] = [];
  readonly #start = performance.now();
  #listeners = new Set<(e: HistoryEvent) => void>();
  #nextOp = 1;

  add(event: NewEvent): HistoryEvent {
    const at = Math.max(0, Math.round(((event.at ?? performance.now()) - this.#start) * 1000) / 1000);
    const full = { ...event, seq: this.events.length, at } as HistoryEvent;
    this.events.push(full);
    for (const l of this.#listeners) l(full);
    return full;
  }

  /** Ties a client call to its result. */
  nextOp(): number {
    return this.#nextOp++;
  }

  onEvent(listener: (e: HistoryEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves at the first event (past or future, from event number `from` on) that matches. */
  until(match: (e: HistoryEvent) => boolean, from = 0): Promise<HistoryEvent> {
    const seen = this.events.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const off = this.onEvent((e) => {
        if (match(e)) {
          off();
          resolve(e);
        }
      });
    });
  }
}
