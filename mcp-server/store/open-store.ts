import { ConfigError } from '../config-error.js';
import { createMemoryStore } from './memory-store.js';
import { createPgDriver, type PgDriverOptions } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';
import type { SessionStore } from './session-store.js';
import { createSqlStore, type SqlStoreOptions } from './sql-store.js';

/** `memory`, `postgres://user:pass@host:port/db` (or postgresql://), or `pglite:DIR` (`pglite:memory://`: kept in memory). */
export type StoreSpec = string;

export const storeSpecUsage = 'memory | postgres://USER:PASS@HOST:PORT/DB | pglite:DIR';

/** Whether the store a spec names keeps records past the process (every SQL store does), read without opening it. */
export function storeSpecIsDurable(spec: StoreSpec): boolean {
  return spec !== 'memory';
}

/**
 * Opens the store a spec names; migrations have run when it resolves. Throws ConfigError for a spec it cannot read.
 * `schema` keeps the store's tables in a schema of their own (PostgreSQL, PGlite), so several stores share a database.
 */
export async function openStore(spec: StoreSpec, options: SqlStoreOptions & Pick<PgDriverOptions, 'schema'> = {}): Promise<SessionStore> {
  if (spec === 'memory') return createMemoryStore();
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { schema, ...storeOptions } = options;
    const driver = createPgDriver(spec, schema ? { schema } : {});
    return createSqlStore(driver, storeOptions).catch(async (err) => {
      await driver.close();
      throw err;
    });
  }
  if (spec.startsWith('pglite:')) {
    const dir = spec.slice('pglite:'.length);
    if (!dir) throw new ConfigError('store', `pglite: needs a directory, e.g. pglite:./data/sessions (${storeSpecUsage})`);
    const { schema, ...storeOptions } = options;
    const driver = await createPgliteDriver(dir, schema ? { schema } : {});
    return createSqlStore(driver, storeOptions).catch(async (err) => {
      await driver.close();
      throw err;
    });
  }
  throw new ConfigError('store', `unknown store '${spec.replace(/:[^:@/]*@/, ':***@')}'; expected ${storeSpecUsage}`);
}
