import { chmod, mkdir } from 'node:fs/promises';

/**
 * Creates `dir` (and its parents) readable by the owner only, and closes one that was already there: a store's
 * directory holds sealed tokens and session keys, and PGlite's own files are world-readable under umask 022.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}
