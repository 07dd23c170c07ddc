/** One statement's answer, the shape `pg` and PGlite both give. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * What the SQL store needs of a database: parameterised queries and a named lock. `pg` (PostgreSQL over the wire)
 * and PGlite (embedded, in-process) each get a small adapter, so the store has one SQL code path (seed 003).
 */
export interface SqlDriver {
  /** What the store says in errors: `postgres://host:port/db` without the password, or `pglite:DIR`. */
  readonly label: string;
  /** Quoted schema the tables live in, when not the connection's default. */
  readonly schema?: string;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /**
   * Runs `work` holding the lock `key` in every process connected to this database. Queries `work` makes go
   * through the connection holding the lock, so a full pool never deadlocks lock holders. `onWait` is called when
   * someone else holds the lock and this work has to wait for it.
   */
  withLock<T>(key: string, work: () => Promise<T>, onWait?: () => void): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached or refused a statement: a clear message naming the store, never a hang. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`session store ${store} unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
