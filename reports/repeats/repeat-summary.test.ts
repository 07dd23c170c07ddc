import { describe, expect, it } from 'vitest';
import type { RunResult, ScenarioResult } from '../../scenarios/result-types.js';
import { renderHtml } from '../html/render-html.js';
import { failedIsolationScenario, sampleRun } from '../testing/sample-run.js';
import { repeatLines, repeatSummary } from './repeat-summary.js';

describe('repeatSummary', () => {
  const repeated = (): RunResult => {
    const failed = { ...failedIsolationScenario(), interleaving: 'a1b2c3d4' };
    const passed: ScenarioResult = { ...failed, seed: 7, status: 'passed', verdicts: failed.verdicts.map((v) => ({ ...v, holds: true, witness: [] })), history: failed.history.slice(0, 9), interleaving: 'e5f6a7b8', replay: 'npx oidc-harness run dual-windows-different-users --seed 7 --flaw global-active-session' };
    const again = { ...failed, seed: 9, replay: 'npx oidc-harness run dual-windows-different-users --seed 9 --flaw global-active-session' };
    return { ...sampleRun(), repeat: 3, matrix: undefined, scenarios: [failed, passed, again] };
  };

  it('gives the failure rate, the distinct interleavings and the replay of each failing seed', () => {
    const [row] = repeatSummary(repeated());
    expect(row).toMatchObject({ scenario: 'dual-windows-different-users', flaw: 'global-active-session', runs: 3, failed: 2, interleavings: 2, failingInterleavings: 1 });
    expect(row!.failing.map((f) => [f.seed, f.invariants, f.replay])).toEqual([
      [42, ['isolation'], 'npx oidc-harness run dual-windows-different-users --seed 42 --flaw global-active-session'],
      [9, ['isolation'], 'npx oidc-harness run dual-windows-different-users --seed 9 --flaw global-active-session'],
    ]);
    const lines = repeatLines(repeatSummary(repeated()));
    expect(lines[0]).toBe('dual-windows-different-users (flaw global-active-session): 2/3 runs failed (67%), 2 distinct interleavings (1 among the failures)');
    expect(lines[2]).toMatch(/^ {4}seed 9 \[[0-9a-f]{8}\] isolation: npx oidc-harness run dual-windows-different-users --seed 9 /);
  });

  it('leaves skipped scenarios out: they never ran, so they never count as failed runs', () => {
    const run = repeated();
    const skipped: ScenarioResult = { ...run.scenarios[1]!, id: 'server-restart-mid-session', status: 'skipped', verdicts: [], history: [], interleaving: undefined };
    expect(repeatSummary({ ...run, scenarios: [...run.scenarios, skipped] }).map((r) => r.scenario)).toEqual(['dual-windows-different-users']);
  });

  it('says nothing when no scenario ran more than once', () => {
    expect(repeatSummary(sampleRun())).toEqual([]);
    expect(renderHtml(sampleRun())).not.toContain('class="repeats"');
  });

  it('shows the same table in the HTML report, each failing seed with its replay and a copy button', () => {
    const html = renderHtml(repeated());
    expect(html).toContain('<section class="repeats"><h2>Repeats</h2>');
    expect(html).toContain('<td class="num">2/3 (67%)</td><td class="num">2 <span class="muted">(1 failing)</span></td>');
    expect(html).toMatch(/<li>seed 9 <span class="muted">interleaving [0-9a-f]{8} · isolation<\/span> <code class="replay-command">npx oidc-harness run dual-windows-different-users --seed 9 --flaw global-active-session<\/code> <button type="button" class="copy">/);
  });
});
