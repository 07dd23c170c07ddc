import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const BUNDLED = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

/**
 * The CLI entry a benchmark's world processes run: the bundle `npm run bench` builds first (what `npm start` and
 * `npx oidc-harness` run), else the sources through tsx (a benchmark run with tsx before any build).
 */
export function worldProcessBin(): string | undefined {
  return existsSync(BUNDLED) ? BUNDLED : undefined;
}

/**
 * How many processes a benchmark spreads worlds over beside its one-process baseline: the cores (at least 2, at most
 * 4 and at most the worlds at once), whatever `harnessDefaults.processes` says, so the figure tells whether that
 * default should change.
 */
export function spreadOver(concurrency: number): number {
  return Math.max(2, Math.min(4, availableParallelism(), Math.max(2, concurrency)));
}
