import { describeEvent } from '../describe-event.js';
import { eventSentence } from '../story/event-sentence.js';
import { eventLabels, labelHeadroom } from './event-labels.js';
import { escapeHtml as esc } from './escape-html.js';
import { expandedRows } from './expanded-rows.js';
import { GEOMETRY as G, eventX, rowY } from './timeline-geometry.js';
import type { PlacedEvent, TimelineModel } from './timeline-model.js';
import { formatMs } from '../format-ms.js';

const GROUP_TITLES = { runner: 'runner', windows: 'windows', server: 'server', sim: 'simulator', faults: 'faults' };
// Failures worth a second look even outside a witness: the provider refusing, detecting reuse, or an error result.
const BAD_TYPE = /error|fail|reuse|refused|denied/i;

/** The swimlanes as two SVGs (sticky lane labels, scrolling events); `id` keeps marker ids unique per scenario. */
export function timelineSvg(model: TimelineModel, id: number): string {
  const rows = expandedRows(model.lanes);
  const width = G.pad * 2 + model.events.length * G.step;
  const top = labelHeadroom(model.events);
  const height = G.head + top + rows.count * G.row + 8;
  const groupLabels = [...rows.groupRow].map(([group, row]) => {
    const size = model.lanes.filter((l) => l.group === group).length;
    return `<text class="group-label" role="button" tabindex="0" data-group="${group}" data-size="${size}" x="4" y="${rowY(row, top) + 4}">▾ ${GROUP_TITLES[group]} (${size})</text>`;
  });
  const laneLabels = model.lanes.map(
    (l) =>
      `<text class="lane-label${l.witness ? ' has-witness' : ''}" data-lane="${l.index}" data-group="${l.group}" x="18" y="${rowY(rows.laneRow[l.index]!, top) + 4}">${esc(clip(l.label))}<title>${esc(l.label)}</title></text>`,
  );
  const at = (e: PlacedEvent) => ({ x: eventX(e.i), y: rowY(rows.laneRow[e.lane]!, top) });
  const spans = model.spans.map(
    (s) =>
      `<rect class="span span-${s.kind}" data-i1="${s.from}" data-i2="${s.to}" x="${eventX(s.from) - G.step / 2}" y="${G.head + top - 4}" width="${(s.to - s.from + 1) * G.step}" height="${rows.count * G.row + 4}"><title>${esc(s.label)}</title></rect>`,
  );
  const ticks = model.events
    .filter((e) => e.i % 5 === 0)
    .map((e) => `<text class="tick" data-i="${e.i}" x="${eventX(e.i)}" y="12">${formatMs(e.event.at)}</text>`);
  const arrows = model.arrows.map((a) => {
    const [from, to] = [at(model.events[a.from]!), at(model.events[a.to]!)];
    return `<path class="arrow" data-i1="${a.from}" data-i2="${a.to}" data-op="${a.op}" marker-end="url(#arrowhead-${id})" d="M${from.x} ${from.y} Q${(from.x + to.x) / 2} ${from.y - G.row * 0.6} ${to.x} ${to.y}"/>`;
  });
  const events = model.events.map((e) => {
    const { x, y } = at(e);
    const witness = e.witnessOf.length > 0;
    const classes = ['ev', `ev-${e.event.source.kind}`, witness ? 'witness' : '', BAD_TYPE.test(e.event.type) ? 'ev-bad' : ''];
    // A witness dot is a stop for the keyboard (Tab, or n/p inside the timeline) and says its story step aloud.
    const title = witness ? `${eventSentence(e.event)} Witness of ${e.witnessOf.join(', ')}. ${describeEvent(e.event)}` : describeEvent(e.event);
    const focus = witness ? ` id="ev-${id}-${e.event.seq}" tabindex="0" role="button" aria-label="${esc(eventSentence(e.event))}"` : '';
    return `<circle class="${classes.filter(Boolean).join(' ')}" data-i="${e.i}" data-seq="${e.event.seq}" data-lane="${e.lane}"${focus} cx="${x}" cy="${y}" r="${witness ? 6 : 4}"><title>${esc(title)}</title></circle>`;
  });
  const labels = eventLabels(model.events).map((l) => {
    const { x, y } = at(model.events[l.i]!);
    const [lx, ly] = [x + 5, y - 7];
    return `<text class="ev-label${l.witness ? ' ev-label-witness' : ''}" data-i="${l.i}" data-lane="${l.lane}" x="${lx}" y="${ly}" transform="rotate(${G.labelAngle} ${lx} ${ly})">${esc(l.text)}</text>`;
  });
  return `<div class="tl-body">
<svg class="tl-labels" width="${G.labelWidth}" height="${height}">${groupLabels.join('')}${laneLabels.join('')}</svg>
<div class="tl-scroll"><svg class="tl-lanes" width="${width}" height="${height}">
<defs><marker id="arrowhead-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>
<g class="tl-rows"></g><g class="tl-spans">${spans.join('')}</g><g class="tl-ticks">${ticks.join('')}</g>
<g class="tl-arrows">${arrows.join('')}</g><g class="tl-ev-labels">${labels.join('')}</g><g class="tl-events">${events.join('')}</g>
</svg></div>
</div>`;
}

const clip = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);
