import type { FlawMatrix } from '../../scenarios/result-types.js';
import { escapeHtml as esc } from './escape-html.js';

/**
 * Which scenario caught which flaw, by which invariant: one row per scenario, one column per flaw. The clean column
 * is the reference server with no flaw on, where any failure is a false alarm; the last row says whether each flaw
 * was caught at all — a missed flaw is the harness failing its own promise.
 */
export function flawMatrixSection(matrix: FlawMatrix | undefined): string {
  if (!matrix) return '';
  const caughtBy = (flaw: string, scenario: string) => matrix.cells[flaw]?.[scenario] ?? [];
  const header = `<tr><th>scenario</th><th class="clean">clean</th>${matrix.flaws.map((f) => `<th>${esc(f)}</th>`).join('')}</tr>`;
  const rows = matrix.scenarios.map((scenario) => {
    const clean = matrix.falseAlarms.includes(scenario)
      ? '<td class="clean cell-broken false-alarm">✗ false alarm</td>'
      : '<td class="clean cell-ok">✓</td>';
    const cells = matrix.flaws.map((flaw) => {
      const invariants = caughtBy(flaw, scenario);
      return invariants.length ? `<td class="cell-caught">${invariants.map(esc).join(', ')}</td>` : '<td class="cell-none">–</td>';
    });
    return `<tr data-scenario-id="${esc(scenario)}"><th>${esc(scenario)}</th>${clean}${cells.join('')}</tr>`;
  });
  const verdicts = matrix.flaws.map((flaw) =>
    matrix.scenarios.some((s) => caughtBy(flaw, s).length > 0)
      ? '<td class="cell-ok">✓ caught</td>'
      : `<td class="cell-broken missed" data-flaw="${esc(flaw)}">✗ missed</td>`,
  );
  const cleanVerdict = matrix.falseAlarms.length ? '<td class="clean cell-broken">✗</td>' : '<td class="clean cell-ok">✓</td>';
  const footer = `<tr class="caught"><th>caught by any</th>${cleanVerdict}${verdicts.join('')}</tr>`;
  return `<section class="flaw-matrix"><h2>Flaw matrix</h2>
<div class="table-scroll"><table class="matrix"><thead>${header}</thead><tbody>${rows.join('\n')}</tbody><tfoot>${footer}</tfoot></table></div></section>`;
}
