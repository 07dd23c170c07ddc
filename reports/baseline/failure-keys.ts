import type { FailureKey, RunResult, ScenarioResult } from '../../scenarios/result-types.js';

/** Flaws as a replay command names them: sorted, joined with '+'; '' for the clean reference server. */
export const flawKey = (flaws: readonly string[]) => [...flaws].sort().join('+');

/** The failures of one scenario run, one per invariant that did not hold. A harness error is no failure. */
export function scenarioFailureKeys(scenario: ScenarioResult, target: string): FailureKey[] {
  if (scenario.status !== 'failed') return [];
  return scenario.verdicts.filter((v) => !v.holds).map((v) => ({ scenario: scenario.id, invariant: v.invariant, flaw: flawKey(scenario.flaws), target }));
}

/** Every distinct failure of a run: repeats of one scenario failing the same way count once. */
export function failureKeys(run: RunResult): FailureKey[] {
  const seen = new Map<string, FailureKey>();
  for (const s of run.scenarios) for (const key of scenarioFailureKeys(s, run.target)) seen.set(keyId(key), key);
  return [...seen.values()];
}

export const keyId = (k: FailureKey) => JSON.stringify([k.scenario, k.invariant, k.flaw, k.target]);
