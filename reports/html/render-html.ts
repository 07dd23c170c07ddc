import type { RunResult } from '../../scenarios/result-types.js';
import { redactSecrets } from '../redact-secrets.js';
import { escapeHtml as esc } from './escape-html.js';
import { isKnownFailure } from '../baseline/compare-baseline.js';
import { baselineSection } from './baseline-section.js';
import { repeatsSection } from './repeats-section.js';
import { flawMatrixSection } from './flaw-matrix-section.js';
import { scenarioSection } from './scenario-section.js';
import { summarySection } from './summary-section.js';
import { VIEWER_CSS } from './viewer-css.js';
import { VIEWER_JS } from './viewer-js.js';

// The report must open offline and must not phone home: the policy forbids every fetch, not just the ones we know of.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** Failures open at first sight; past this many, the rest stay folded so a matrix run still opens quickly. */
export const OPEN_FAILURES_LIMIT = 20;

/**
 * Which scenario runs start open: those that did not pass (failed, error, or anything but passed) and are not a
 * failure the baseline already knows, the first few.
 */
function openAtStart(run: RunResult, known: boolean[]): Set<number> {
  const failing = run.scenarios.flatMap((s, i) => (s.status === 'passed' || known[i] ? [] : [i]));
  return new Set(failing.slice(0, OPEN_FAILURES_LIMIT));
}

/** One self-contained HTML file for a run: summary, flaw matrix, and a swimlane timeline per scenario. */
export function renderHtml(results: RunResult): string {
  const run = redactSecrets(results);
  const failed = run.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').length;
  const known = run.scenarios.map((s) => isKnownFailure(run.baseline, s, run.target));
  const opened = openAtStart(run, known);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${failed ? `✗ ${failed} not passed` : '✓ all passed'} — oidc-harness (${esc(run.target)})</title>
<style>${VIEWER_CSS}</style></head>
<body>
${summarySection(run)}
${baselineSection(run.baseline)}
${repeatsSection(run)}
${flawMatrixSection(run.matrix)}
<section class="scenarios"><h2>Scenarios</h2>
${run.scenarios.map((s, i) => scenarioSection(s, i, opened.has(i), known[i])).join('\n')}
</section>
<script>${VIEWER_JS}</script>
</body></html>
`;
}
