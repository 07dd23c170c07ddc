import type { HistoryEvent, ScenarioResult } from '../../scenarios/result-types.js';
import { formatMs } from '../format-ms.js';
import { escapeHtml as esc } from './escape-html.js';

/** Lines beyond this are cut (with a note): a chatty target must not make the report unopenable. */
const MAX_LOG_LINES = 2000;

/**
 * The raw evidence behind the timeline, folded: the simulator's ledger for this world (every token event and fault,
 * as the provider saw it) and the target server's own log lines when the run captured them. Both come from results
 * that already went through redactSecrets.
 */
export function evidenceSections(scenario: ScenarioResult): string {
  return [ledgerSection(scenario.history), targetLogSection(scenario.targetLog)].join('\n');
}

const isLedger = (e: HistoryEvent) => e.source.kind === 'sim' || e.source.kind === 'fault';

function ledgerSection(history: readonly HistoryEvent[]): string {
  const rows = history.filter(isLedger).map((e) => {
    const where = e.source.kind === 'sim' ? e.source.endpoint : 'faults';
    const status = e.detail?.status;
    return `<tr data-seq="${e.seq}"><td class="num">#${e.seq}</td><td class="num">${formatMs(e.at)}</td><td>${esc(where)}</td><td>${esc(e.type)}</td><td>${esc(e.user ?? '')}</td><td><code>${esc(e.tokenHash ?? '')}</code></td><td><code>${esc(e.parent ?? '')}</code></td><td>${typeof status === 'number' || typeof status === 'string' ? esc(status) : ''}</td></tr>`;
  });
  if (rows.length === 0) return '';
  return `<details class="ledger"><summary>simulator ledger <span class="muted">(${rows.length} events: tokens by hash, faults)</span></summary>
<div class="table-scroll"><table><thead><tr><th>event</th><th>at</th><th>endpoint</th><th>type</th><th>user</th><th>token hash</th><th>parent</th><th>status</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div></details>`;
}

function targetLogSection(lines: readonly string[] | undefined): string {
  if (!lines || lines.length === 0) return '';
  const shown = lines.slice(0, MAX_LOG_LINES);
  const cut = lines.length > shown.length ? `\n… ${lines.length - shown.length} more lines in results.json` : '';
  return `<details class="target-log"><summary>target log <span class="muted">(${lines.length} lines, redacted)</span></summary>
<pre>${esc(shown.join('\n') + cut)}</pre></details>`;
}
