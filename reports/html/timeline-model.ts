import type { EventSource, HistoryEvent, ScenarioResult } from '../../scenarios/result-types.js';
import { laneLabel } from '../lane-label.js';
import { faultSpans, type Span } from './fault-spans.js';
import { opArrows, type Arrow } from './op-arrows.js';

/** Lane groups top to bottom in the order a request travels: runner steps, windows, server, simulator, faults. */
export const LANE_GROUPS = ['runner', 'windows', 'server', 'sim', 'faults'] as const;
export type LaneGroup = (typeof LANE_GROUPS)[number];

export interface Lane {
  index: number;
  group: LaneGroup;
  label: string;
  /** Holds a witness event: stays visible when its group is collapsed. */
  witness: boolean;
  /** Lower-case text the filter box matches: the label, users and sessions seen on the lane. */
  search: string;
}

export interface PlacedEvent {
  event: HistoryEvent;
  /** Column: the event's position in the history. The x axis is order, not time, so interleavings stay legible. */
  i: number;
  lane: number;
  /** Invariants whose witness includes this event. */
  witnessOf: string[];
}

export interface TimelineModel {
  lanes: Lane[];
  events: PlacedEvent[];
  arrows: Arrow[];
  spans: Span[];
}

const GROUP_OF: Record<EventSource['kind'], LaneGroup> = { window: 'windows', server: 'server', sim: 'sim', fault: 'faults', runner: 'runner' };
const byName = new Intl.Collator('en', { numeric: true }).compare;

export function buildTimeline(scenario: ScenarioResult): TimelineModel {
  const history = [...scenario.history].sort((a, b) => a.seq - b.seq);
  const witnessOf = witnessIndex(scenario);
  const laneKeys = new Map<string, { group: LaneGroup; label: string; first: number; words: Set<string> }>();
  history.forEach((e, i) => {
    const key = `${e.source.kind}:${laneLabel(e.source)}`;
    const lane = laneKeys.get(key) ?? { group: GROUP_OF[e.source.kind], label: laneLabel(e.source), first: i, words: new Set() };
    for (const word of [e.user, e.sessionId]) if (word) lane.words.add(word);
    laneKeys.set(key, lane);
  });
  // Windows sort by name (w-2 before w-10) so hundreds of them can be scanned; other lanes keep first-seen order.
  const ordered = [...laneKeys.entries()].sort(([, a], [, b]) => {
    const group = LANE_GROUPS.indexOf(a.group) - LANE_GROUPS.indexOf(b.group);
    if (group !== 0) return group;
    return a.group === 'windows' ? byName(a.label, b.label) : a.first - b.first;
  });
  const laneIndex = new Map(ordered.map(([key], index) => [key, index]));
  const events = history.map((event, i) => ({
    event,
    i,
    lane: laneIndex.get(`${event.source.kind}:${laneLabel(event.source)}`)!,
    witnessOf: witnessOf.get(event.seq) ?? [],
  }));
  const lanes = ordered.map(([, l], index) => ({
    index,
    group: l.group,
    label: l.label,
    witness: events.some((e) => e.lane === index && e.witnessOf.length > 0),
    search: [l.label, ...l.words].join(' ').toLowerCase(),
  }));
  return { lanes, events, arrows: opArrows(events), spans: faultSpans(events) };
}

function witnessIndex(scenario: ScenarioResult): Map<number, string[]> {
  const index = new Map<number, string[]>();
  for (const verdict of scenario.verdicts) {
    if (verdict.holds) continue;
    for (const seq of verdict.witness) index.set(seq, [...(index.get(seq) ?? []), verdict.invariant]);
  }
  return index;
}
