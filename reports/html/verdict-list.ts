import type { InvariantVerdict, ScenarioResult } from '../../scenarios/result-types.js';
import { storyOf } from '../story/witness-story.js';
import { escapeHtml as esc } from './escape-html.js';
import type { TimelineModel } from './timeline-model.js';

/**
 * Failed invariants first, each with its witness story: one sentence per witness event, each step a button that
 * selects its dot in the timeline.
 */
export function verdictList(scenario: ScenarioResult, model: TimelineModel): string {
  if (scenario.verdicts.length === 0) return '';
  const columnOf = new Map(model.events.map((e) => [e.event.seq, e.i]));
  const items = scenario.verdicts
    .filter((v) => !v.holds)
    .map((v) => {
      const unsure = v.outcome === 'inconclusive';
      const mark = unsure ? '?' : '✗';
      const message = `${unsure ? 'inconclusive: ' : ''}${esc(v.message ?? 'violated')}`;
      return `<li class="verdict ${unsure ? 'unsure' : 'broken'}" data-invariant="${esc(v.invariant)}"><span class="mark">${mark}</span> <b>${esc(v.invariant)}</b> — ${message}${storyList(scenario, v, columnOf)}</li>`;
    });
  // Held invariants share one line, so the story and the timeline stay on the first screen.
  const held = scenario.verdicts.filter((v) => v.holds).map((v) => `<b>${esc(v.invariant)}</b>`);
  if (held.length) items.push(`<li class="verdict holds"><span class="mark">✓</span> held: ${held.join(', ')}</li>`);
  return `<ul class="verdicts">${items.join('')}</ul>`;
}

function storyList(scenario: ScenarioResult, verdict: InvariantVerdict, columnOf: Map<number, number>): string {
  const steps = storyOf(scenario, verdict);
  if (steps.length === 0) return '';
  const items = steps.map((step) => {
    const link = columnOf.has(step.seq)
      ? `<button type="button" class="witness-link" data-i="${columnOf.get(step.seq)}" aria-label="show event ${step.seq} in the timeline">#${step.seq}</button>`
      : `<span class="muted">#${step.seq}?</span>`;
    return `<li class="story-step" data-seq="${step.seq}">${link} ${esc(step.text)}</li>`;
  });
  return `<ol class="story" aria-label="why ${esc(verdict.invariant)} failed">${items.join('')}</ol>`;
}
