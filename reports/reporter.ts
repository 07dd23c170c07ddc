import type { HistoryEvent, RunResult, ScenarioResult } from '../scenarios/result-types.js';

/** What the runner knows before the first scenario starts. */
export interface RunInfo {
  startedAt: string;
  seed: number;
  repeat: number;
  target: string;
  /** Scenario runs planned (scenarios × seeds × flaws), when known. */
  planned?: number;
}

/** Names one scenario run while it is in flight (several may run at once). */
export interface ScenarioStart {
  id: string;
  title: string;
  seed: number;
  flaws: string[];
}

/**
 * A run's listener, vitest-style: every hook is optional and may be async; the runner awaits each one in order.
 * Reporters only watch: an exception in a hook is a harness error, never a failed scenario.
 */
export interface Reporter {
  onRunStart?(info: RunInfo): void | Promise<void>;
  onScenarioStart?(scenario: ScenarioStart): void | Promise<void>;
  onEvent?(event: HistoryEvent, scenario: ScenarioStart): void | Promise<void>;
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>;
  onRunEnd?(results: RunResult): void | Promise<void>;
}
