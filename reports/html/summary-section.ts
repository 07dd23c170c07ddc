import type { RunResult } from '../../scenarios/result-types.js';
import { escapeHtml as esc } from './escape-html.js';
import { formatMs } from '../format-ms.js';

/** The run at a glance: counts, seeds, timings, and a scenarios × invariants grid linking to each timeline. */
export function summarySection(run: RunResult): string {
  const count = (status: string) => run.scenarios.filter((s) => s.status === status).length;
  const invariants = [...new Set(run.scenarios.flatMap((s) => s.verdicts.map((v) => v.invariant)))];
  const rows = run.scenarios.map((s, index) => {
    const cells = invariants.map((name) => {
      const v = s.verdicts.find((x) => x.invariant === name);
      if (!v) return '<td class="cell-none">–</td>';
      if (v.holds) return '<td class="cell-ok">✓</td>';
      if (v.outcome === 'inconclusive') return `<td class="cell-unsure" title="${esc(v.message ?? '')}">?</td>`;
      return `<td class="cell-broken" title="${esc(v.message ?? '')}">✗</td>`;
    });
    return `<tr class="row-${s.status}"><td><a href="#scenario-${index}" class="scenario-link">${esc(s.id)}</a></td><td><span class="badge ${s.status}">${s.status}</span></td><td>${s.seed}</td><td>${s.flaws.map(esc).join(', ') || '<span class="muted">none</span>'}</td><td class="num">${formatMs(s.durationMs)}</td>${cells.join('')}</tr>`;
  });
  const machine = run.machine ? ` · node ${esc(run.machine.node)} on ${esc(run.machine.platform)}, ${run.machine.cpus} cpus` : '';
  const parts = run.shard
    ? ` · shard ${run.shard.index} of ${run.shard.total}`
    : run.merged
      ? ` · merged from ${run.merged.shards.length ? `${run.merged.shards.length} shards` : `${run.merged.files} runs`} (the longest took ${formatMs(run.durationMs)})`
      : '';
  return `<section class="summary">
<h1>oidc-harness run <span class="muted">against ${esc(run.target)}</span></h1>
<p class="totals"><span class="badge passed">${count('passed')} passed</span> <span class="badge failed">${count('failed')} failed</span> <span class="badge inconclusive">${count('inconclusive')} inconclusive</span> <span class="badge skipped">${count('skipped')} skipped</span> <span class="badge error">${count('error')} errors</span>
<span class="muted">started ${esc(run.startedAt)} · ${formatMs(run.durationMs)} · seed ${run.seed} · repeat ${run.repeat}${machine}${parts}</span></p>
<div class="table-scroll"><table class="verdict-grid"><thead><tr><th>scenario</th><th>status</th><th>seed</th><th>flaws</th><th>time</th>${invariants.map((i) => `<th>${esc(i)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`;
}
