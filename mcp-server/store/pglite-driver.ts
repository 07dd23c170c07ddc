import { acquirePglite } from './pglite-instance.js';
import { quotedSchema } from './schema-name.js';
import { StoreUnavailableError, type SqlDriver, type SqlResult } from './sql-driver.js';

export interface PgliteDriverOptions {
  /** Tables live in this schema (created when missing), so several stores can share one database. */
  schema?: string;
}

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in this process, persisted in a directory (or `memory://`, kept in
 * memory). Only one process can open a directory, and starting PGlite costs seconds, so every driver of this
 * process on one directory shares one database (pglite-instance.ts); with `schema`, each keeps its tables apart.
 * Its locks are in-process ones, shared by every driver of that database.
 */
export async function createPgliteDriver(dir: string, options: PgliteDriverOptions = {}): Promise<SqlDriver> {
  const label = `pglite:${dir}`;
  const schema = options.schema !== undefined ? quotedSchema(options.schema) : undefined;
  const instance = await acquirePglite(dir).catch((err: unknown) => {
    throw new StoreUnavailableError(label, err);
  });
  let closed = false;
  return {
    label,
    ...(schema ? { schema } : {}),
    async query<Row>(text: string, params: unknown[] = []): Promise<SqlResult<Row>> {
      if (closed) throw new StoreUnavailableError(label, new Error('the store was closed'));
      try {
        return await instance.run(schema, async (db) => {
          // Several statements (migrations) need exec; parameterised ones go through query.
          if (params.length === 0 && text.includes(';')) {
            const results = await db.exec(text);
            const last = results.at(-1);
            return { rows: (last?.rows ?? []) as Row[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
          }
          const result = await db.query<Row>(text, params);
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
        });
      } catch (err) {
        // In-process, so the only "unreachable" is a closed database; anything else is a statement PostgreSQL rejected.
        throw instance.db.closed ? new StoreUnavailableError(label, err) : err;
      }
    },
    withLock: (key, work, onWait) => instance.locks.run(`${schema ?? ''}/${key}`, work, onWait),
    async close() {
      closed = true;
      await instance.release();
    },
  };
}
