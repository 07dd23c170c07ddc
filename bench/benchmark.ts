import type { BenchSettings } from './settings.js';
import type { Summary } from './measure.js';

/**
 * A target a row is held to: by default its ratio (the project's figure divided by the baseline's); with
 * `of: 'measured'`, the project's own median, in the row's unit (a wall time, an error count, a rate).
 */
export interface Target {
  op: '>=' | '<=';
  value: number;
  of?: 'ratio' | 'measured';
}

/** One line of the table: the project's figure beside its baseline's from the same run, and their ratio. */
export interface Row {
  metric: string;
  unit: string;
  project: Summary;
  baseline?: Summary;
  /** What the baseline is, e.g. 'bare oidc-provider' or 'start RSS'. */
  baselineName?: string;
  /** project / baseline, per round, summarised. */
  ratio?: Summary;
  target?: Target;
  note?: string;
  /** Decimals for the measured and baseline figures (counts: 0); by default 1 below 100, none above. */
  digits?: number;
}

export interface BenchResult {
  name: string;
  title: string;
  rows: Row[];
  /** Anything a reader needs to judge the rows (adapter differences, series over time). */
  notes: string[];
  extra?: Record<string, unknown>;
}

export interface BenchContext {
  settings: BenchSettings;
  /** A progress line on stderr, for steps that take more than a moment. */
  progress(message: string): void;
}

/** A benchmark is a name (for selecting it on the command line) and a run that pairs the project with a baseline. */
export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Omit<BenchResult, 'name' | 'title'>>;
}

export function meetsTarget(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  const r = row.target.of === 'measured' ? row.project.median : row.ratio?.median;
  if (r === undefined) return undefined;
  return row.target.op === '>=' ? r >= row.target.value : r <= row.target.value;
}
