import type { RunResult } from '../../scenarios/result-types.js';
import { redactSecrets } from '../redact-secrets.js';
import { escapeXmlAttribute as attr } from './escape-xml.js';
import { isKnownFailure } from '../baseline/compare-baseline.js';
import { junitTestcase } from './junit-testcase.js';

/** JUnit XML in the shape Jenkins, GitLab and GitHub test-report actions all read: one testcase per scenario run. */
export function renderJunit(results: RunResult): string {
  const run = redactSecrets(results);
  const known = run.scenarios.map((s) => isKnownFailure(run.baseline, s, run.target));
  const count = (status: string) => run.scenarios.filter((s, i) => s.status === status && !known[i]).length;
  // An inconclusive run is not green: it counts as a failure (its type says inconclusive). Skipped and known
  // failures are skipped.
  const skipped = count('skipped') + known.filter(Boolean).length;
  const totals = `tests="${run.scenarios.length}" failures="${count('failed') + count('inconclusive')}" errors="${count('error')}" skipped="${skipped}" time="${(run.durationMs / 1000).toFixed(3)}"`;
  // The JUnit XSD wants a timestamp without a zone; the run's is UTC already.
  const timestamp = run.startedAt.replace(/(\.\d+)?Z$/, '');
  const properties = [
    ['seed', String(run.seed)],
    ['repeat', String(run.repeat)],
    ['target', run.target],
    ...(run.machine ? [['node', run.machine.node], ['platform', run.machine.platform]] : []),
    ...(run.baseline ? [['baseline', run.baseline.source], ['baseline.new', String(run.baseline.new.length)], ['baseline.known', String(run.baseline.known.length)], ['baseline.fixed', String(run.baseline.fixed.length)]] : []),
  ].map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="oidc-session-harness" ${totals}>`,
    `  <testsuite name="${attr(`oidc-harness (${run.target})`)}" ${totals} timestamp="${attr(timestamp)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...run.scenarios.map((s, i) => junitTestcase(s, known[i])),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
