import { meetsTarget, type BenchResult, type Row } from './benchmark.js';
import type { Summary } from './measure.js';

const HEADER = ['metric', 'measured  median [min–max]', 'baseline  median [min–max]', 'ratio  median [min–max]', 'target'];

/** The results as a plain-text table, one block per benchmark, with its notes under it. */
export function formatTable(results: BenchResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const body = result.rows.map(cells);
    const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
    const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    lines.push('', `== ${result.title} (${result.name})`, line(HEADER), line(widths.map((w) => '-'.repeat(w))));
    for (const row of body) lines.push(line(row));
    for (const row of result.rows) if (row.note) lines.push(`   ${row.metric}: ${row.note}`);
    for (const note of result.notes) lines.push(` * ${note}`);
  }
  return lines.join('\n');
}

function cells(row: Row): string[] {
  const met = meetsTarget(row);
  return [
    row.metric,
    `${summary(row.project, row.unit, row.digits)}`,
    row.baseline ? `${summary(row.baseline, row.unit, row.digits)} ${row.baselineName ?? ''}`.trimEnd() : '—',
    row.ratio ? summary(row.ratio, '×', 2) : '—',
    row.target ? `${row.target.op} ${row.target.value}${row.target.of === 'measured' ? row.unit : ''} ${met ? 'met' : 'MISSED'}` : '—',
  ];
}

function summary(s: Summary, unit: string, digits?: number): string {
  const f = (n: number) => num(n, digits);
  return s.samples.length > 1 ? `${f(s.median)}${unit} [${f(s.min)}–${f(s.max)}]` : `${f(s.median)}${unit}`;
}

function num(n: number, digits?: number): string {
  if (digits !== undefined) return n.toFixed(digits);
  return Math.abs(n) >= 100 ? Math.round(n).toString() : n.toFixed(1);
}
