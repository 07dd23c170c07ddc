import type { PlacedEvent } from './timeline-model.js';

/** A request drawn as an arrow from a window's call to its result. */
export interface Arrow {
  op: number;
  from: number;
  to: number;
  fromLane: number;
  toLane: number;
}

/** Pairs each window's first and last event of an operation; op ids are only trusted within one window. */
export function opArrows(events: readonly PlacedEvent[]): Arrow[] {
  const ends = new Map<string, { first: PlacedEvent; last: PlacedEvent }>();
  for (const e of events) {
    if (e.event.op === undefined || e.event.source.kind !== 'window') continue;
    const key = `${e.event.source.window}\u0000${e.event.op}`;
    const seen = ends.get(key);
    ends.set(key, seen ? { first: seen.first, last: e } : { first: e, last: e });
  }
  return [...ends.values()]
    .filter(({ first, last }) => first !== last)
    .map(({ first, last }) => ({ op: first.event.op!, from: first.i, to: last.i, fromLane: first.lane, toLane: last.lane }));
}
