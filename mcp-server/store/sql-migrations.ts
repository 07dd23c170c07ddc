import type { SqlDriver } from './sql-driver.js';

/**
 * The schema, one numbered step at a time; a step that ran is never run again, and every statement is written to
 * be harmless twice (IF NOT EXISTS), so concurrent starts and half-applied steps both converge.
 * Seed 003: sessions carry created_at, expires_at and last_accessed_at, indexed for cleanup. Token records keep
 * only sealed values (seed 004), a generation writers compare against, and a row version for compare-and-swap.
 */
export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'sessions and users',
    sql: `
      CREATE TABLE IF NOT EXISTS harness_users (
        user_id text PRIMARY KEY,
        username text,
        status text NOT NULL CHECK (status IN ('authenticated', 'needs_reauth')),
        sealed jsonb,
        access_token_hash text,
        refresh_token_hash text,
        access_expires_at bigint NOT NULL,
        refresh_expires_at bigint,
        last_refresh_at bigint,
        consecutive_failures integer NOT NULL DEFAULT 0,
        resume_hashes text[] NOT NULL DEFAULT '{}',
        generation bigint NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS harness_users_resume_hashes ON harness_users USING gin (resume_hashes);
      CREATE TABLE IF NOT EXISTS harness_sessions (
        id text PRIMARY KEY,
        user_id text,
        created_at timestamptz NOT NULL,
        last_accessed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        login_pending boolean NOT NULL DEFAULT false,
        logged_out boolean NOT NULL DEFAULT false,
        version bigint NOT NULL DEFAULT 1
      );
      CREATE INDEX IF NOT EXISTS harness_sessions_expires_at ON harness_sessions (expires_at);
      CREATE INDEX IF NOT EXISTS harness_sessions_last_accessed_at ON harness_sessions (last_accessed_at);
      CREATE INDEX IF NOT EXISTS harness_sessions_user_id ON harness_sessions (user_id);
    `,
  },
  {
    id: 2,
    name: 'sessions keyed by the sha256 of their id',
    // Issue 13: a session id is a credential, so rows keep base64url(sha256(id)) (session-key.ts), like resume
    // tokens. Rows written before this step are re-keyed in place and go on working; `id_hashed` makes the step
    // harmless twice. Stop replicas of an older version before starting this one: they would write plain ids.
    sql: `
      ALTER TABLE harness_sessions ADD COLUMN IF NOT EXISTS id_hashed boolean NOT NULL DEFAULT false;
      UPDATE harness_sessions SET id = translate(encode(sha256(convert_to(id, 'UTF8')), 'base64'), '+/=', '-_'), id_hashed = true
        WHERE NOT id_hashed;
      ALTER TABLE harness_sessions ALTER COLUMN id_hashed SET DEFAULT true;
    `,
  },
];

/** Brings the database up to date. Under the store's lock, so replicas starting together migrate once. */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  return driver.withLock('migrations', async () => {
    if (driver.schema) await driver.query(`CREATE SCHEMA IF NOT EXISTS ${driver.schema}`);
    await driver.query(`CREATE TABLE IF NOT EXISTS harness_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await driver.query<{ id: number }>('SELECT id FROM harness_migrations')).rows.map((r) => Number(r.id)));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await driver.query(m.sql);
      await driver.query('INSERT INTO harness_migrations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
