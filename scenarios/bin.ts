#!/usr/bin/env node
// The published entry point, bundled to dist/cli/bin.js (`npm run build`: scripts/bundle-cli.mjs); scenarios/bin.js
// runs this same file from the TypeScript sources through tsx, for development and the tests.
import * as nodeModule from 'node:module';

// Stack traces point at the TypeScript (dist/ carries source maps); set before the CLI's own modules load.
process.setSourceMapsEnabled(true);
// Node >= 22.1 keeps the compiled chunks between runs (NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no
// such cache, and there this does nothing.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// `oidc-harness list | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}
const { main } = await import('./cli.js');
process.exitCode = await main(process.argv.slice(2));
