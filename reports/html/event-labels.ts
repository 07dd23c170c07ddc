import { shortLabel } from '../story/short-label.js';
import { GEOMETRY } from './timeline-geometry.js';
import type { PlacedEvent } from './timeline-model.js';

/** A word label drawn beside a dot: every witness event, and the events just before and after it in the history. */
export interface EventLabel {
  i: number;
  lane: number;
  text: string;
  witness: boolean;
}

export function eventLabels(events: readonly PlacedEvent[]): EventLabel[] {
  const labelled = new Map<number, boolean>();
  for (const e of events) {
    if (e.witnessOf.length === 0) continue;
    labelled.set(e.i, true);
    for (const near of [e.i - 1, e.i + 1]) if (near >= 0 && near < events.length && !labelled.has(near)) labelled.set(near, false);
  }
  // Neighbours first, witnesses last: later SVG text paints on top, so a witness label is never hidden by a neighbour's.
  return [...labelled]
    .sort(([a, aw], [b, bw]) => Number(aw) - Number(bw) || a - b)
    .map(([i]) => ({ i, lane: events[i]!.lane, text: shortLabel(events[i]!.event), witness: events[i]!.witnessOf.length > 0 }));
}

/** Room above the lanes for the labels' climb; none when nothing is labelled. */
export const labelHeadroom = (events: readonly PlacedEvent[]) => (events.some((e) => e.witnessOf.length > 0) ? GEOMETRY.labelHeadroom : 0);
