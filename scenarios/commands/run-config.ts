import type { ProfileOption } from '../../oidc-sim/index.js';
import { harnessDefaults } from '../defaults.js';
import { parseProfile } from './profile-option.js';
import { intOption } from './parse.js';

/** What `run`, `start` and `matrix` resolve their shared options to: every absent flag becomes its default here. */
export interface RunConfig {
  seed: number;
  repeat: number;
  /** Worlds (run) or columns (matrix) at once. */
  concurrency: number;
  /** Child processes a run's worlds are spread over (1: in this process); matrix columns are processes anyway. */
  processes: number;
  /** Flaws named with --flaw; undefined when none was named (run: none, matrix: all). */
  flaws: string[] | undefined;
  profile: ProfileOption | undefined;
  report: string | undefined;
  reporters: string[];
  json: boolean;
}

export function runConfig(values: {
  seed?: string;
  repeat?: string;
  concurrency?: string;
  processes?: string;
  flaw?: string[];
  profile?: string;
  report?: string;
  reporter?: string[];
  json?: boolean;
}): RunConfig {
  return {
    seed: intOption(values.seed, 'seed') ?? harnessDefaults.seed,
    repeat: intOption(values.repeat, 'repeat', 1) ?? harnessDefaults.repeat,
    concurrency: intOption(values.concurrency, 'concurrency', 1) ?? harnessDefaults.concurrency(),
    processes: intOption(values.processes, 'processes', 1) ?? harnessDefaults.processes(),
    flaws: values.flaw,
    profile: parseProfile(values.profile),
    report: values.report,
    reporters: values.reporter ?? [],
    json: values.json ?? false,
  };
}
