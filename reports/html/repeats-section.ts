import type { RunResult } from '../../scenarios/result-types.js';
import { repeatSummary } from '../repeats/repeat-summary.js';
import { escapeHtml as esc } from './escape-html.js';

/** With --repeat: per scenario the failure rate, distinct interleavings, and a replay for each failing seed. */
export function repeatsSection(run: RunResult): string {
  const rows = repeatSummary(run);
  if (rows.length === 0) return '';
  const body = rows.map((r) => {
    const seeds = r.failing
      .map((f) => `<li>seed ${f.seed} <span class="muted">interleaving ${esc(f.interleaving)} · ${f.invariants.map(esc).join(', ')}</span> <code class="replay-command">${esc(f.replay)}</code> <button type="button" class="copy">copy</button></li>`)
      .join('');
    return `<tr class="${r.failed ? 'row-failed' : 'row-passed'}"><td>${esc(r.scenario)}</td><td>${esc(r.flaw) || '<span class="muted">none</span>'}</td><td class="num">${r.failed}/${r.runs} (${((100 * r.failed) / r.runs).toFixed(0)}%)</td><td class="num">${r.interleavings}${r.failed ? ` <span class="muted">(${r.failingInterleavings} failing)</span>` : ''}</td><td>${seeds ? `<ul class="failing-seeds">${seeds}</ul>` : '<span class="muted">–</span>'}</td></tr>`;
  });
  return `<section class="repeats"><h2>Repeats</h2>
<div class="table-scroll"><table><thead><tr><th>scenario</th><th>flaws</th><th>failed</th><th>distinct interleavings</th><th>failing seeds (replay)</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div></section>`;
}
