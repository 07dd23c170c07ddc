import { performance } from 'node:perf_hooks';
import { BoundedLog } from '../support/index.js';
import type { ServerEvent, ServerEventBody, ServerEventListener } from './server-events.js';

/**
 * Subscribable record of server events; the same shape of API as the simulator's ledger. It keeps the last
 * `limit` events (older ones dropped in batches; seq numbers stay unique): subscribers see every event as it
 * happens, so a long-running server's memory does not grow with its traffic.
 */
export class EventLog {
  #events: BoundedLog<ServerEvent>;
  #listeners = new Set<ServerEventListener>();
  #seq = 0;

  constructor(readonly limit = 100_000) {
    this.#events = new BoundedLog(limit);
  }

  record(body: ServerEventBody): ServerEvent {
    const event = { ...body, seq: this.#seq++, at: performance.now(), time: Date.now() } as ServerEvent;
    this.#events.push(event);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not break the request that produced the event.
      }
    }
    return event;
  }

  /** Events with seq >= `since`, optionally of some types. */
  events(filter: { since?: number; types?: readonly string[] } = {}): ServerEvent[] {
    const since = filter.since ?? 0;
    const types = filter.types && new Set(filter.types);
    return this.#events.items.filter((e) => e.seq >= since && (!types || types.has(e.type)));
  }

  subscribe(listener: ServerEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first event (already recorded or future) that matches. */
  waitFor<T extends ServerEvent = ServerEvent>(match: (e: ServerEvent) => boolean, since = 0): Promise<T> {
    const seen = this.#events.items.find((e) => e.seq >= since && match(e));
    if (seen) return Promise.resolve(seen as T);
    return new Promise((resolve) => {
      const off = this.subscribe((e) => {
        if (match(e)) {
          off();
          resolve(e as T);
        }
      });
    });
  }

  get nextSeq(): number {
    return this.#seq;
  }
}
