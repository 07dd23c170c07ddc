import type { PlacedEvent } from './timeline-model.js';

/** A stretch of the timeline under a fault or behind a gate, shaded across every lane. */
export interface Span {
  kind: 'gate' | 'fault';
  label: string;
  from: number;
  to: number;
}

// The fault layer names an end by suffix (`fault.gate.released`, `fault.hang.ended`); a start may have its own
// suffix (`*.held`, `*.start`) or none (`fault.hang`).
const OPENS = /\.(held|hold|start|started|begin|on|opened)$/;
const CLOSES = /\.(released|release|end|ended|stop|stopped|off|cleared|healed|closed)$/;

/**
 * Pairs fault events into spans. A gate holds each request separately, so the key includes the held request;
 * faults without a request id (a hang) pair first-in, first-out. A start never closed runs to the end of the
 * history (a gate that reset its request instead of releasing it); point faults (latency, refusal) stay points.
 */
export function faultSpans(events: readonly PlacedEvent[]): Span[] {
  const faults = events.filter((e) => e.event.source.kind === 'fault');
  const closers = new Set(faults.filter((e) => CLOSES.test(e.event.type)).map(spanKey));
  const open = new Map<string, PlacedEvent[]>();
  const spans: Span[] = [];
  const span = (start: PlacedEvent, to: number): Span => {
    const kind = /(^|\.)gate\./.test(start.event.type) ? 'gate' : 'fault';
    return { kind, label: `${kind} ${spanName(start)}`, from: start.i, to };
  };
  for (const e of faults) {
    const key = spanKey(e);
    if (CLOSES.test(e.event.type)) {
      const start = open.get(key)?.shift();
      if (start) spans.push(span(start, e.i));
    } else if (OPENS.test(e.event.type) || closers.has(key)) {
      open.set(key, [...(open.get(key) ?? []), e]);
    }
  }
  const last = events.length - 1;
  for (const start of [...open.values()].flat()) spans.push(span(start, last));
  return spans.sort((a, b) => a.from - b.from || a.to - b.to);
}

function spanKey(e: PlacedEvent): string {
  const base = e.event.type.replace(CLOSES, '').replace(OPENS, '');
  return `${base}|${spanName(e)}`;
}

function spanName(e: PlacedEvent): string {
  const d = e.event.detail ?? {};
  const named = [d.gate, d.fault, d.name, d.id].find((v) => typeof v === 'string' || typeof v === 'number');
  const request = typeof d.request === 'string' || typeof d.request === 'number' ? ` ${d.request}` : '';
  if (named !== undefined) return `${String(named)}${request === ` ${String(named)}` ? '' : request}`;
  return e.event.type.replace(CLOSES, '').replace(OPENS, '').replace(/^fault\./, '') + request;
}
