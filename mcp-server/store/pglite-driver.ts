import { KeyedMutex } from '../../support/index.js';
import { makePrivateDir } from './private-dir.js';
import { StoreUnavailableError, type SqlDriver, type SqlResult } from './sql-driver.js';

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in this process, persisted in a directory. Only one process can
 * open a directory, so its lock is an in-process one; servers in one process (in-process replicas) share it by
 * sharing the store.
 */
export async function createPgliteDriver(dir: string): Promise<SqlDriver> {
  const label = `pglite:${dir}`;
  try {
    await makePrivateDir(dir);
  } catch (err) {
    throw new StoreUnavailableError(label, err);
  }
  // PGlite (WebAssembly, tens of MB) loads when a pglite: store opens, never with the server's door.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dir);
  await db.waitReady.catch((err: unknown) => {
    throw new StoreUnavailableError(label, err);
  });
  const locks = new KeyedMutex();
  return {
    label,
    async query<Row>(text: string, params: unknown[] = []): Promise<SqlResult<Row>> {
      try {
        // Several statements (migrations) need exec; parameterised ones go through query.
        if (params.length === 0 && text.includes(';')) {
          const results = await db.exec(text);
          const last = results.at(-1);
          return { rows: (last?.rows ?? []) as Row[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
        }
        const result = await db.query<Row>(text, params);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (err) {
        // In-process, so the only "unreachable" is a closed database; anything else is a statement PostgreSQL rejected.
        throw db.closed ? new StoreUnavailableError(label, err) : err;
      }
    },
    withLock: (key, work) => locks.run(key, work),
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
