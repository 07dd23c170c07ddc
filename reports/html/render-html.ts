import type { RunResult } from '../../scenarios/result-types.js';
import { redactSecrets } from '../redact-secrets.js';
import { escapeHtml as esc } from './escape-html.js';
import { flawMatrixSection } from './flaw-matrix-section.js';
import { scenarioSection } from './scenario-section.js';
import { summarySection } from './summary-section.js';
import { VIEWER_CSS } from './viewer-css.js';
import { VIEWER_JS } from './viewer-js.js';

// The report must open offline and must not phone home: the policy forbids every fetch, not just the ones we know of.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** One self-contained HTML file for a run: summary, flaw matrix, and a swimlane timeline per scenario. */
export function renderHtml(results: RunResult): string {
  const run = redactSecrets(results);
  const failed = run.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${failed ? `✗ ${failed} not passed` : '✓ all passed'} — oidc-harness (${esc(run.target)})</title>
<style>${VIEWER_CSS}</style></head>
<body>
${summarySection(run)}
${flawMatrixSection(run.matrix)}
<section class="scenarios"><h2>Scenarios</h2>
${run.scenarios.map(scenarioSection).join('\n')}
</section>
<script>${VIEWER_JS}</script>
</body></html>
`;
}
