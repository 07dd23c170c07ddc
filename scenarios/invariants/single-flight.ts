import type { HistoryEvent } from '../result-types.js';
import { held, violated, type Invariant } from './invariant.js';

/**
 * Seed 001 #1 across replicas (seed 003): one refresh per user at a time, whichever process sends it. Seen where a
 * scenario gates refreshes at the provider: two refresh requests of one user held at once means two refreshers
 * ran in parallel (a single-flight server holds the second one back, or has it use the first one's tokens).
 */
export const singleFlight: Invariant = {
  name: 'single-flight',
  holds: 'the provider never has two refresh requests of one user in flight at once',
  check(history) {
    const inFlight = new Map<string, HistoryEvent[]>();
    for (const e of history) {
      if (e.source.kind !== 'fault' || e.detail?.grantType !== 'refresh_token' || !e.user) continue;
      const request = e.detail?.request;
      const held = inFlight.get(e.user) ?? [];
      if (e.type === 'fault.gate.held') {
        held.push(e);
        inFlight.set(e.user, held);
        if (held.length > 1) return violated('single-flight', `${held.length} refreshes of ${e.user} reached the provider at the same time`, held);
      }
      if (e.type === 'fault.gate.released') inFlight.set(e.user, held.filter((h) => h.detail?.request !== request));
    }
    return held('single-flight');
  },
};
