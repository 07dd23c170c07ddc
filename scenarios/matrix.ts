import type { Reporter } from '../reports/index.js';
import type { ScenarioDefinition } from './define-scenario.js';
import type { FlawMatrix, RunResult, ScenarioResult } from './result-types.js';
import { pool } from '../support/index.js';
import { runCatalogue } from './runner.js';
import type { ServerFactory } from './server-handle.js';
import { SimPool } from './sim-pool.js';

export interface MatrixOptions {
  /** The catalogue's scenarios (only their ids, with a `runColumn` of another mode's: resource-mode/). */
  scenarios: Array<Pick<ScenarioDefinition, 'id'>>;
  flaws: string[];
  seed: number;
  repeat: number;
  /** The server with these flaws switched on. */
  serverFor(flaws: string[]): ServerFactory;
  target: string;
  reporters?: Reporter[];
  concurrency?: number;
  /**
   * Runs the catalogue with some flaws switched on. In-process by default; the CLI runs each column in a child
   * process instead, so the columns use every core (one process is one JavaScript thread).
   */
  runColumn?: (flaws: string[]) => Promise<RunResult>;
  /** Columns running at once (with a `runColumn` that runs them elsewhere). */
  columns?: number;
}

/**
 * The catalogue once clean and once per flaw. A flaw counts as caught by a scenario only when every repetition
 * caught it; the clean column must stay empty (no false alarms).
 */
export async function runMatrix(options: MatrixOptions): Promise<RunResult> {
  const started = Date.now();
  // In process, the columns share their simulators (each reset between worlds).
  const sims = options.runColumn ? undefined : new SimPool();
  const runColumn = options.runColumn ?? ((flaws: string[]) => runCatalogue({ ...options, scenarios: options.scenarios as ScenarioDefinition[], flaws, server: options.serverFor(flaws), ...(sims ? { sims } : {}) }));
  const columns = [[], ...options.flaws.map((f) => [f])];
  const [clean, ...flawed] = await pool(columns, options.columns ?? 1, runColumn).finally(() => sims?.close());
  const cells: FlawMatrix['cells'] = {};
  options.flaws.forEach((flaw, i) => (cells[flaw] = caughtBy(flawed[i]!.scenarios, options.repeat)));
  const all: ScenarioResult[] = [clean!, ...flawed].flatMap((r) => r.scenarios);
  const matrix: FlawMatrix = {
    flaws: options.flaws,
    scenarios: options.scenarios.map((s) => s.id),
    cells,
    falseAlarms: [...new Set(clean!.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').map((s) => s.id))],
  };
  return { ...clean!, durationMs: Date.now() - started, scenarios: all, matrix };
}

/** scenario id → invariants that failed in every repetition (empty when any repetition missed the flaw). */
function caughtBy(results: ScenarioResult[], repeat: number): Record<string, string[]> {
  const byScenario = new Map<string, ScenarioResult[]>();
  for (const r of results) byScenario.set(r.id, [...(byScenario.get(r.id) ?? []), r]);
  const row: Record<string, string[]> = {};
  for (const [id, runs] of byScenario) {
    const failedEveryTime = runs.length === repeat && runs.every((r) => r.status === 'failed');
    const invariants = new Set(runs.flatMap((r) => r.verdicts.filter((v) => v.outcome === 'violated' || (v.outcome === undefined && !v.holds)).map((v) => v.invariant)));
    row[id] = failedEveryTime ? [...invariants].sort() : [];
  }
  return row;
}

/** Plain-text table: one row per flaw, the scenarios that caught it and with which invariant. */
export function formatMatrix(m: FlawMatrix): string {
  const lines = [`${'flaw'.padEnd(24)} caught by`];
  for (const flaw of m.flaws) {
    const hits = Object.entries(m.cells[flaw] ?? {}).filter(([, inv]) => inv.length);
    lines.push(`${flaw.padEnd(24)} ${hits.length ? hits.map(([s, inv]) => `${s} (${inv.join(', ')})`).join('; ') : 'NOT CAUGHT'}`);
  }
  lines.push(`${'(clean)'.padEnd(24)} ${m.falseAlarms.length ? `FALSE ALARMS: ${m.falseAlarms.join(', ')}` : 'no false alarms'}`);
  return lines.join('\n');
}
