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
    const body = v.holds ? '' : ` — ${esc(v.message ?? 'violated')} <span class="muted">witness</span> ${links.join(' ')}`;
    return `<li class="verdict ${v.holds ? 'holds' : 'broken'}"><span class="mark">${v.holds ? '✓' : '✗'}</span> <b>${esc(v.invariant)}</b>${body}</li>`;
  });
  return `<ul class="verdicts">${items.join('')}</ul>`;
}
