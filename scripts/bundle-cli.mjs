// Bundles the CLI (`oidc-harness`, the package's bin) into dist/cli/: bin.js plus one chunk per command and the
// chunks they share, each with a source map naming the TypeScript (and the packages' own files).
// Why: on Node 20, resolving and compiling the simulator's ~400 ESM files one by one took longer than anything the
// simulator does before it listens; a few large files load in a fraction of that (bench: `npm run bench -- start-up`).
// The library doors (`oidc-session-harness/oidc-sim`, `/msw`) stay the file-per-module tsc output in dist/.
// `node scripts/bundle-cli.mjs [OUTDIR]` (default dist/cli); `npm run build` runs it after tsc.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Packages the bundle imports from node_modules at run time instead of carrying. PGlite finds its WebAssembly and
 * data files next to its own modules; pg requires an optional native module; undici is loaded both by `import` and by
 * `createRequire` (oidc-sim/impersonation-dispatcher.ts), and one copy of it must serve both.
 */
const external = ['@electric-sql/pglite', 'pg', 'undici'];

const outdir = process.argv[2] ?? 'dist/cli';
// Chunk names carry a hash of their content: chunks of an earlier build would pile up beside the new ones.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { bin: 'scenarios/bin.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The maps point at the sources (as tsc's do) rather than carrying them: smaller maps load faster.
  sourcesContent: false,
  external: external.flatMap((p) => [p, `${p}/*`]),
  // The CommonJS packages bundled here (Koa and its helpers) call `require` for Node's own modules.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
