import type { BaselineComparison, BaselineEntry, FailureKey } from '../../scenarios/result-types.js';
import { escapeHtml as esc } from './escape-html.js';

const name = (k: BaselineEntry | FailureKey) =>
  `<b>${esc(k.scenario)}</b> › ${esc(k.invariant ?? 'any invariant')}${k.flaw ? ` <span class="muted">flaw ${esc(k.flaw)}</span>` : ''}`;

/** What changed since the baseline: new failures (these fail the run), known ones, and entries that pass now. */
export function baselineSection(c: BaselineComparison | undefined): string {
  if (!c) return '';
  const list = (kind: string, items: string[]) => (items.length ? `<h3>${kind} <span class="muted">(${items.length})</span></h3><ul class="baseline-${kind}">${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
  return `<section class="baseline"><h2>Against the baseline <span class="muted">${esc(c.source)}</span></h2>
<p><span class="badge failed">${c.new.length} new</span> <span class="badge known">${c.known.length} known</span> <span class="badge passed">${c.fixed.length} fixed</span>
<span class="muted">${c.new.length ? 'new failures fail the run' : 'no new failure: the run passes'}</span></p>
${list('new', c.new.map(name))}${list('known', c.known.map((k) => `${name(k)}${k.reason ? ` <span class="muted">— ${esc(k.reason)}</span>` : ''}`))}${list('fixed', c.fixed.map((e) => `${name(e)} <span class="muted">— passes now; remove it from the baseline</span>`))}
</section>`;
}
