import type { Reporter } from '../reporter.js';
import { compareWithBaseline } from './compare-baseline.js';
import type { Baseline } from './read-baseline.js';

/** A reporter that sees the finished run already compared with the baseline, so every report tells known from new. */
export function withBaseline(reporter: Reporter, baseline: Baseline): Reporter {
  if (!reporter.onRunEnd) return reporter;
  return {
    ...reporter,
    onRunEnd: (run) => reporter.onRunEnd!({ ...run, baseline: compareWithBaseline(baseline, run) }),
  };
}
