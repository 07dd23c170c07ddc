import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUNDLED = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

/**
 * The CLI entry a benchmark's world processes run: the bundle `npm run bench` builds first (what `npm start` and
 * `npx oidc-harness` run), else the sources through tsx (a benchmark run with tsx before any build).
 */
export function worldProcessBin(): string | undefined {
  return existsSync(BUNDLED) ? BUNDLED : undefined;
}
