import type { BaselineComparison, BaselineEntry, FailureKey, RunResult, ScenarioResult } from '../../scenarios/result-types.js';
import type { Baseline } from './read-baseline.js';
import { failureKeys, flawKey, keyId, scenarioFailureKeys } from './failure-keys.js';

/** A baseline entry names a failure; each field it leaves out matches anything. */
export function entryMatches(entry: BaselineEntry, key: FailureKey): boolean {
  return (
    entry.scenario === key.scenario &&
    (entry.invariant === undefined || entry.invariant === key.invariant) &&
    (entry.flaw === undefined || flawKey(entry.flaw.split('+').filter(Boolean)) === key.flaw) &&
    (entry.target === undefined || entry.target === key.target)
  );
}

/** A scenario run that could have shown the entry's failure: same scenario, flaw and target, and it ran to a verdict. */
function couldShow(entry: BaselineEntry, scenario: ScenarioResult, target: string): boolean {
  if (scenario.status === 'error' || scenario.id !== entry.scenario) return false;
  if (entry.target !== undefined && entry.target !== target) return false;
  if (entry.flaw !== undefined && flawKey(entry.flaw.split('+').filter(Boolean)) !== flawKey(scenario.flaws)) return false;
  return entry.invariant === undefined || scenario.verdicts.some((v) => v.invariant === entry.invariant);
}

/**
 * Sorts a run's failures against a baseline: `known` (listed, does not fail the run), `new` (not listed, fails it),
 * `fixed` (listed, its scenario ran to a verdict, and it did not fail that way). An entry whose scenario did not run,
 * or ran into a harness error, is neither known nor fixed: nothing was learned about it.
 */
export function compareWithBaseline(baseline: Baseline, run: RunResult): BaselineComparison {
  const known: FailureKey[] = [];
  const fresh: FailureKey[] = [];
  for (const key of failureKeys(run)) {
    const entry = baseline.entries.find((e) => entryMatches(e, key));
    if (entry) known.push(entry.reason ? { ...key, reason: entry.reason } : key);
    else fresh.push(key);
  }
  const fixed = baseline.entries.filter(
    (entry) => !known.some((k) => entryMatches(entry, k)) && run.scenarios.some((s) => couldShow(entry, s, run.target)),
  );
  return { source: baseline.source, known, new: fresh, fixed };
}

/** Whether every failure of this scenario run is a known one, so reports can show it as known rather than failed. */
export function isKnownFailure(comparison: BaselineComparison | undefined, scenario: ScenarioResult, target: string): boolean {
  if (!comparison) return false;
  const keys = scenarioFailureKeys(scenario, target);
  const known = new Set(comparison.known.map(keyId));
  return keys.length > 0 && keys.every((k) => known.has(keyId(k)));
}

/**
 * Whether a run fails CI against its baseline: some scenario run that neither passed nor hit a harness error (which
 * has its own exit code) has a failure the baseline does not list.
 */
export function failsAgainstBaseline(run: RunResult, comparison: BaselineComparison): boolean {
  return run.scenarios.some((s) => s.status !== 'passed' && s.status !== 'error' && s.status !== 'skipped' && !isKnownFailure(comparison, s, run.target));
}
