import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { serverDefaults } from '../defaults.js';
import { makePrivateDir } from './private-dir.js';

/**
 * Where the empty cluster of this PGlite version is kept: the directory `$OIDC_HARNESS_PGLITE_CACHE` names, else the
 * user's cache directory (serverDefaults.pgliteCacheEnv), one file per PGlite version.
 */
export function pgliteTemplatePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[serverDefaults.pgliteCacheEnv] || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'oidc-session-harness');
  return join(dir, `pglite-${pgliteVersion()}-initdb.tar.gz`);
}

let version: string | undefined;
function pgliteVersion(): string {
  if (version) return version;
  const require = createRequire(import.meta.url);
  // The package's exports name its wasm, not its package.json: the root is two levels above dist/pglite.wasm.
  const root = dirname(dirname(require.resolve('@electric-sql/pglite/pglite.wasm')));
  version = String((require(join(root, 'package.json')) as { version: string }).version);
  return version;
}

/**
 * The empty cluster at `path` (a tarball PGlite's `dumpDataDir` wrote), or undefined when none was kept yet. It holds
 * no table, row or secret: it is dumped right after initdb, before any store opens.
 */
export async function readPgliteTemplate(path: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(path)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Keeps `template` at `path` in a directory only its owner can read, written whole (a rename) or not at all. */
export async function writePgliteTemplate(path: string, template: Blob): Promise<void> {
  await makePrivateDir(dirname(path));
  const partial = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, Buffer.from(await template.arrayBuffer()), { mode: 0o600 });
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
}
