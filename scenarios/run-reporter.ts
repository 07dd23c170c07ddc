import type { RunResult, ScenarioResult } from './result-types.js';

/** Optional, possibly async hooks a reporter implements (vitest-style). */
export interface RunReporter {
  onRunStart?(info: { scenarios: string[]; seed: number; repeat: number; flaws: string[] }): unknown;
  onScenarioStart?(info: { id: string; title: string; seed: number; flaws: string[] }): unknown;
  onScenarioEnd?(result: ScenarioResult): unknown;
  onRunEnd?(result: RunResult): unknown;
}
