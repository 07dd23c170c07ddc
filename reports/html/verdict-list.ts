import type { ScenarioResult } from '../../scenarios/result-types.js';
import { escapeHtml as esc } from './escape-html.js';
import type { TimelineModel } from './timeline-model.js';

/** Failed invariants first, each with buttons that jump to its witness events in the timeline. */
export function verdictList(scenario: ScenarioResult, model: TimelineModel): string {
  if (scenario.verdicts.length === 0) return '';
  const columnOf = new Map(model.events.map((e) => [e.event.seq, e.i]));
  const sorted = [...scenario.verdicts].sort((a, b) => Number(a.holds) - Number(b.holds));
  const items = sorted.map((v) => {
    const links = v.witness.map((seq) =>
      columnOf.has(seq)
        ? `<button type="button" class="witness-link" data-i="${columnOf.get(seq)}">#${seq}</button>`
        : `<span class="muted">#${seq}?</span>`,
    );
    const unsure = v.outcome === 'inconclusive';
    const witness = links.length ? ` <span class="muted">witness</span> ${links.join(' ')}` : '';
    const body = v.holds ? '' : ` — ${unsure ? 'inconclusive: ' : ''}${esc(v.message ?? 'violated')}${witness}`;
    const kind = v.holds ? 'holds' : unsure ? 'unsure' : 'broken';
    return `<li class="verdict ${kind}"><span class="mark">${v.holds ? '✓' : unsure ? '?' : '✗'}</span> <b>${esc(v.invariant)}</b>${body}</li>`;
  });
  return `<ul class="verdicts">${items.join('')}</ul>`;
}
