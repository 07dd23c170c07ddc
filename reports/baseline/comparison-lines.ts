import type { BaselineComparison, BaselineEntry, FailureKey } from '../../scenarios/result-types.js';

const name = (k: BaselineEntry | FailureKey) =>
  `${k.scenario} › ${k.invariant ?? 'any invariant'}${k.flaw ? ` (flaw ${k.flaw})` : k.flaw === '' ? ' (no flaw)' : ''}`;

/** The comparison as plain lines for the console and `report --compare`: a count line, then one line per failure. */
export function comparisonLines(c: BaselineComparison): string[] {
  return [
    `baseline ${c.source}: ${c.new.length} new, ${c.known.length} known, ${c.fixed.length} fixed`,
    ...c.new.map((k) => `  new    ${name(k)}`),
    ...c.known.map((k) => `  known  ${name(k)}${k.reason ? ` — ${k.reason}` : ''}`),
    ...c.fixed.map((e) => `  fixed  ${name(e)} — passes now; remove it from the baseline`),
  ];
}
