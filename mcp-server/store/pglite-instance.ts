import { rm } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { KeyedMutex } from '../../support/index.js';
import { pgliteTemplatePath, readPgliteTemplate, writePgliteTemplate } from './pglite-template.js';
import { makePrivateDir } from './private-dir.js';

/** A data directory PGlite keeps in memory only: nothing at rest, nothing to clean up, gone with the process. */
export const isMemoryDataDir = (dir: string) => dir.startsWith('memory://');

/**
 * One open PGlite database, shared by every driver of this process on its data directory. PGlite is one
 * connection: statements run one at a time, and a driver's `search_path` (its schema) is set before its statement
 * whenever the last statement was another schema's. Locks are the database's, like PostgreSQL's advisory locks,
 * so two drivers on one directory and schema exclude each other.
 */
export interface PgliteInstance {
  readonly db: PGlite;
  /** Runs `statement` with `search_path` set to `schema` (quoted; undefined: `public`), alone on the connection. */
  run<T>(schema: string | undefined, statement: (db: PGlite) => Promise<T>): Promise<T>;
  readonly locks: KeyedMutex;
  /** Drops this driver's hold; the last one closes the database. */
  release(): Promise<void>;
}

interface Shared {
  db: PGlite;
  searchPath: string | undefined;
  queue: KeyedMutex;
  locks: KeyedMutex;
}

/** Open (or opening) databases by directory, with how many drivers hold each (counted before it is ready). */
const open = new Map<string, { ready: Promise<Shared>; refs: number }>();
/** Databases being closed, so a directory is never opened twice at once (PGlite would corrupt it). */
const closing = new Map<string, Promise<void>>();

async function start(dir: string): Promise<Shared> {
  await closing.get(dir);
  if (!isMemoryDataDir(dir)) await makePrivateDir(dir);
  // PGlite (WebAssembly, tens of MB) loads when a pglite: store opens, never with the server's door.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = isMemoryDataDir(dir) ? await startInMemory(PGlite, dir) : new PGlite(dir);
  await db.waitReady;
  return { db, searchPath: undefined, queue: new KeyedMutex(), locks: new KeyedMutex() };
}

/**
 * An in-memory database starts from the empty cluster kept in the user's cache (pglite-template.ts) instead of
 * running initdb, which costs most of a start's seconds of CPU; the first start of a PGlite version keeps one.
 */
async function startInMemory(PGliteClass: typeof PGlite, dir: string): Promise<PGlite> {
  const path = pgliteTemplatePath();
  const defaults = (PGliteClass as unknown as { defaultStartParams?: string[] }).defaultStartParams;
  const template = defaults ? await readPgliteTemplate(path) : undefined;
  if (template && defaults) {
    // A cluster started from a dump runs its startup's recovery, whose progress timer (10 s, PostgreSQL's
    // log_startup_progress_interval) PGlite never stops: it would keep the process alive after the run ended.
    const db = new PGliteClass(dir, { loadDataDir: template, startParams: [...defaults, '-c', 'log_startup_progress_interval=0'] });
    // A cache PGlite cannot start from (cut short, another build's) is dropped and made again below.
    const started = await db.waitReady.then(() => true, () => false);
    if (started) return db;
    await rm(path, { force: true });
  }
  const db = new PGliteClass(dir);
  await db.waitReady;
  // Dumped before any store opens: nothing of anyone's sessions is in it. A cache that cannot be written costs the
  // next start its initdb, nothing else.
  await writePgliteTemplate(path, await db.dumpDataDir('gzip')).catch(() => undefined);
  return db;
}

/**
 * The PGlite database of `dir` (a directory, or `memory://...`), opened on first use. Starting PGlite costs seconds
 * (WebAssembly, initdb), so the servers and worlds of one process share it, each in a schema of its own if it likes.
 * Rejects with PGlite's own error if the directory cannot be opened.
 */
export async function acquirePglite(dir: string): Promise<PgliteInstance> {
  let entry = open.get(dir);
  if (!entry) {
    const ready = start(dir);
    const created = { ready, refs: 0 };
    entry = created;
    open.set(dir, created);
    ready.catch(() => {
      if (open.get(dir) === created) open.delete(dir);
    });
  }
  const held = entry;
  held.refs++;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    if (--held.refs > 0) return;
    if (open.get(dir) === held) open.delete(dir);
    const closed = held.ready.then((s) => (s.db.closed ? undefined : s.db.close()), () => undefined);
    const settled = closed.catch(() => undefined);
    closing.set(dir, settled);
    await closed.finally(() => {
      if (closing.get(dir) === settled) closing.delete(dir);
    });
  };
  let shared: Shared;
  try {
    shared = await held.ready;
  } catch (err) {
    await release();
    throw err;
  }
  return {
    db: shared.db,
    locks: shared.locks,
    run: (schema, statement) =>
      shared.queue.run('statement', async () => {
        if (shared.searchPath !== schema) {
          await shared.db.exec(`SET search_path TO ${schema ?? 'public'}`);
          shared.searchPath = schema;
        }
        return statement(shared.db);
      }),
    release,
  };
}
