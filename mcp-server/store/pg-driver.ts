import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { quotedSchema } from './schema-name.js';
import { StoreUnavailableError, type SqlDriver, type SqlResult } from './sql-driver.js';

export interface PgDriverOptions {
  /** Tables live in this schema (created when missing); tests use one per test so they never collide. */
  schema?: string;
  /** Connections per process. */
  max?: number;
  /** How long a query may wait for a connection before failing with a clear error (not hanging forever). */
  connectionTimeoutMs?: number;
}

// Namespace of the harness's advisory locks (first key of the two-key form), so they never meet another app's.
const LOCK_NAMESPACE = 0x4f494443;

/**
 * A lost or refused connection, as opposed to a statement PostgreSQL rejected (which is a bug and stays as it
 * is): SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now), or a
 * socket-level error without a SQLSTATE.
 */
function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('08') || /^57P0[123]$/.test(code);
  return true;
}

/** The connection string without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}

/**
 * PostgreSQL through `pg`'s pool. Locks are `pg_advisory_xact_lock` inside a transaction on one pooled
 * connection: PostgreSQL releases them when the transaction ends or the connection dies, so a crashed replica
 * never leaves a user locked.
 */
export function createPgDriver(url: string, options: PgDriverOptions = {}): SqlDriver {
  const label = redactUrl(url);
  const schema = options.schema !== undefined ? quotedSchema(options.schema) : undefined;
  // pg loads with the first driver made, not with the server's door: `serve` on another store never loads it.
  const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    // Set at connection start, so every connection (and every query on it) sees the schema; the store creates it.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection dropped by the server (restart, network) must not crash the process: the next query
  // gets a new connection or a clear error.
  pool.on('error', () => undefined);
  const lockClient = new AsyncLocalStorage<pg.PoolClient>();
  const fail = (err: unknown): never => {
    if (err instanceof StoreUnavailableError || !isConnectionFailure(err)) throw err;
    throw new StoreUnavailableError(label, err);
  };

  return {
    label,
    ...(schema ? { schema } : {}),
    async query<Row>(text: string, params: unknown[] = []): Promise<SqlResult<Row>> {
      const runner = lockClient.getStore() ?? pool;
      const result = await runner.query(text, params).catch(fail);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async withLock(key, work, onWait) {
      const client = await pool.connect().catch(fail);
      let broken: unknown;
      const lockKey = [LOCK_NAMESPACE, `${options.schema ?? ''}/${key}`];
      try {
        await client.query('BEGIN').catch(fail);
        // Asked first without waiting only when the caller wants to know that it waits (one more round trip).
        const free = onWait && (await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1::int, hashtext($2)) AS got', lockKey).catch(fail)).rows[0]?.got;
        if (onWait && !free) onWait();
        if (!free) await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', lockKey).catch(fail);
        const result = await lockClient.run(client, work);
        await client.query('COMMIT').catch(fail);
        return result;
      } catch (err) {
        broken = err;
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        // A connection that failed mid-transaction is not given back to the pool.
        client.release(broken instanceof StoreUnavailableError ? true : undefined);
      }
    },
    async close() {
      // An enabled AsyncLocalStorage costs every promise of the process until it is disabled (activity-meter.ts).
      lockClient.disable();
      await pool.end().catch(() => undefined);
    },
  };
}
