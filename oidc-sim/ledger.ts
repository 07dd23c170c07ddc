import { performance } from 'node:perf_hooks';
import { BoundedLog } from '../support/index.js';

export type LedgerEventType =
  | 'token.issued' // a code or device grant gave tokens
  | 'token.refreshed' // a refresh succeeded; `parent` is the refresh token it consumed
  | 'token.undelivered' // a refresh rotated, but its caller had hung up: the new tokens never reached it
  | 'refresh.rejected' // a refresh failed for a reason other than reuse (expired, not found, ...)
  | 'reuse.detected' // a consumed refresh token was presented again
  | 'reuse.allowed' // a provider profile let a consumed refresh token through (grace, max-reuse)
  | 'grant.revoked' // every token of a grant is dead
  | 'token.revoked' // RFC 7009 revocation
  | 'token.expired' // expire-now ended a token, family or grant
  | 'expired.use' // an expired token was presented
  | 'introspected'
  | 'userinfo'
  | 'resource.call'
  | 'device.approved'
  | 'login.completed'
  | 'client.registered' // RFC 7591: a client registered itself
  | 'registration.rejected' // a registration named a redirect URI the registration policy does not allow
  | `fault.${string}`; // an injected fault: fault.latency, fault.refused, fault.gate.held, fault.tamper, ...

export interface LedgerEvent {
  seq: number;
  /** performance.now() in ms: one monotonic clock for the whole process. */
  at: number;
  /** Wall clock, for humans. */
  time: number;
  type: LedgerEventType;
  /** Which simulator endpoint saw it: token, revocation, introspection, userinfo, resource, device, control, ... */
  endpoint: string;
  grantId?: string;
  sub?: string;
  username?: string;
  clientId?: string;
  /** Short hash of the token concerned (never the value). */
  tokenHash?: string;
  /** Lineage: the refresh token this one was rotated from. */
  parent?: string;
  /** Lineage: the token family, i.e. the grant every rotation of one login shares. */
  family?: string;
  /** The fault, gate or tamper rule that caused a `fault.*` event. */
  rule?: string;
  detail?: Record<string, unknown>;
}

export type LedgerListener = (event: LedgerEvent) => void;

/** Append-only record of every token event, subscribable in-process and readable over the control API. */
export class Ledger {
  #events: BoundedLog<LedgerEvent>;
  #listeners = new Set<LedgerListener>();
  #seq = 0;

  /** Keeps at most `limit` events (oldest dropped in batches, so recording stays O(1) amortised). */
  constructor(readonly limit = Infinity) {
    this.#events = new BoundedLog(limit);
  }

  record(event: Omit<LedgerEvent, 'seq' | 'at' | 'time'>): LedgerEvent {
    const full: LedgerEvent = { seq: this.#seq++, at: performance.now(), time: Date.now(), ...event };
    this.#events.push(full);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** Events with seq >= `since`, optionally of some types. */
  events(filter: { since?: number; types?: string[] } = {}): LedgerEvent[] {
    const since = filter.since ?? 0;
    const types = filter.types && new Set(filter.types);
    return this.#events.items.filter((e) => e.seq >= since && (!types || types.has(e.type)));
  }

  subscribe(listener: LedgerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first event (already recorded or future) that matches. */
  waitFor(match: (e: LedgerEvent) => boolean, since = 0): Promise<LedgerEvent> {
    const seen = this.#events.items.find((e) => e.seq >= since && match(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const off = this.subscribe((e) => {
        if (match(e)) {
          off();
          resolve(e);
        }
      });
    });
  }

  /** Forgets every event; the next one is numbered 0 again, as in a new ledger. */
  clear(): void {
    this.#events.clear();
    this.#seq = 0;
  }
}
