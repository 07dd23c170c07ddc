import type { PlacedEvent } from './timeline-model.js';

/** A stretch of the timeline under a fault or behind a gate, shaded across every lane. */
export interface Span {
  kind: 'gate' | 'fault';
  label: string;
  from: number;
  to: number;
}

// Fault events come in pairs named by their verb; these are the verbs the fault layer and runner use.
const OPENS = /\.(held|hold|start|started|begin|on|injected|opened)$/;
const CLOSES = /\.(released|release|end|ended|stop|stopped|off|cleared|healed|closed)$/;

/** Pairs fault events by name (`detail.gate`, `detail.fault`, ... or the type's prefix); an open one runs to the end. */
export function faultSpans(events: readonly PlacedEvent[]): Span[] {
  const open = new Map<string, PlacedEvent>();
  const spans: Span[] = [];
  const close = (start: PlacedEvent, end: number) => {
    const kind = start.event.type.startsWith('gate') ? 'gate' : 'fault';
    spans.push({ kind, label: `${kind} ${spanName(start)}`, from: start.i, to: end });
  };
  for (const e of events) {
    if (e.event.source.kind !== 'fault') continue;
    const name = spanName(e);
    if (OPENS.test(e.event.type)) open.set(name, e);
    else if (CLOSES.test(e.event.type) && open.has(name)) {
      close(open.get(name)!, e.i);
      open.delete(name);
    }
  }
  const last = events.length - 1;
  for (const start of open.values()) close(start, last);
  return spans.sort((a, b) => a.from - b.from);
}

function spanName(e: PlacedEvent): string {
  const d = e.event.detail ?? {};
  const named = [d.gate, d.fault, d.name, d.id].find((v) => typeof v === 'string' || typeof v === 'number');
  return named !== undefined ? String(named) : e.event.type.replace(CLOSES, '').replace(OPENS, '');
}
