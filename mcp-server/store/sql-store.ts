import type { ActivationResult, SessionRecord, SessionStore, StoreSnapshot, UserRecord } from './session-store.js';
import type { SqlDriver } from './sql-driver.js';
import { sessionKey } from './session-key.js';
import { migrate } from './sql-migrations.js';
import {
  msToTimestamp,
  SESSION_COLUMNS,
  SESSION_SET,
  SESSION_VALUES,
  sessionFromRow,
  sessionParams,
  USER_SET,
  userFromRow,
  userParams,
  type SessionRow,
  type UserRow,
} from './sql-rows.js';

export interface SqlStoreOptions {
  /** Milliseconds since the epoch; the server's clock, so a manual clock drives expiry here too. */
  now?: () => number;
  /** Seed 003: expired sessions are deleted this often (ms); 0 turns the timer off (call `cleanup()`). */
  cleanupIntervalMs?: number;
}

export interface SqlSessionStore extends SessionStore {
  readonly label: string;
  /** Seed 003: deletes every session past its absolute expiry; returns how many went. */
  cleanup(now?: number): Promise<number>;
}

/** Compare-and-swap attempts before a read-modify-write gives up: only reached under a write storm on one row. */
const MAX_CAS_ATTEMPTS = 100;

/**
 * The session store on PostgreSQL (or PGlite): the same interface and the same one-step semantics as the
 * in-memory store, so every strategy works unchanged. Read-modify-writes are compare-and-swap on a row version
 * (UPDATE ... WHERE version = the one read; seed 001 #6), never a lost update; deletes can name the generation
 * they mean (seed 003, the shared-credential-store report). Migrations run before the store is handed out.
 */
export async function createSqlStore(driver: SqlDriver, options: SqlStoreOptions = {}): Promise<SqlSessionStore> {
  await migrate(driver);
  const now = options.now ?? Date.now;
  const q = driver.query.bind(driver);

  const readUser = async (userId: string) => (await q<UserRow>('SELECT * FROM harness_users WHERE user_id = $1', [userId])).rows[0];
  // Rows are filed under sessionKey(id), never the id. The ids this process was handed are remembered in memory
  // (never at rest) so that listed records can name their sessions; the map shrinks as sessions go.
  const seen = new Map<string, string>();
  const saw = (id: string, row: SessionRow | undefined) => {
    if (row) seen.set(row.id, id);
    else seen.delete(sessionKey(id));
    return row && sessionFromRow(row, id);
  };
  const readSession = async (key: string) => (await q<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM harness_sessions WHERE id = $1`, [key])).rows[0];

  const cleanup = async (at = now()) => {
    const gone = (await q<{ id: string }>(`DELETE FROM harness_sessions WHERE expires_at <= ${msToTimestamp('$1')} RETURNING id`, [at])).rows;
    for (const row of gone) seen.delete(row.id);
    return gone.length;
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.cleanupIntervalMs) {
    // Errors are the next round's problem (the database may be back by then); the timer never keeps the process up.
    timer = setInterval(() => void cleanup().catch(() => undefined), options.cleanupIntervalMs);
    timer.unref();
  }
  let closed: Promise<void> | undefined;

  const store: SqlSessionStore = {
    durable: true,
    label: driver.label,
    cleanup,

    async createSession(record) {
      const key = sessionKey(record.id);
      await q(`INSERT INTO harness_sessions (id, user_id, created_at, last_accessed_at, expires_at, login_pending, logged_out) VALUES (${SESSION_VALUES})
        ON CONFLICT (id) DO UPDATE SET ${SESSION_SET}, version = harness_sessions.version + 1`, [key, ...sessionParams(record)]);
      seen.set(key, record.id);
    },
    async getSession(id) {
      return saw(id, await readSession(sessionKey(id)));
    },
    async updateSession(id, change) {
      const key = sessionKey(id);
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        const row = await readSession(key);
        if (!row) return saw(id, undefined);
        const next = { ...change(sessionFromRow(row, id)), id };
        const written = await q<SessionRow>(
          `UPDATE harness_sessions SET ${SESSION_SET}, version = version + 1 WHERE id = $1 AND version = $8 RETURNING ${SESSION_COLUMNS}`,
          [key, ...sessionParams(next), row.version],
        );
        if (written.rows[0]) return saw(id, written.rows[0]);
      }
      throw new Error(`session s:${key.slice(0, 12)}: gave up after ${MAX_CAS_ATTEMPTS} conflicting writes`);
    },
    putSession(record) {
      return store.createSession(record);
    },
    async deleteSession(id) {
      const deleted = await store.deleteSessionByKey(sessionKey(id));
      return deleted && { ...deleted, id };
    },
    async deleteSessionByKey(key) {
      const row = (await q<SessionRow>(`DELETE FROM harness_sessions WHERE id = $1 RETURNING ${SESSION_COLUMNS}`, [key])).rows[0];
      const id = seen.get(key);
      seen.delete(key);
      return row && sessionFromRow(row, id);
    },
    async listSessions() {
      return (await q<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM harness_sessions ORDER BY created_at, id`)).rows.map((r) => sessionFromRow(r, seen.get(r.id)));
    },
    async activate(sessionId, userId, opts): Promise<ActivationResult> {
      const key = sessionKey(sessionId);
      // One statement: the mapping is set only if the user exists (and the login is still pending) at that instant
      // (seed 001 #3).
      const done = await q(
        `UPDATE harness_sessions SET user_id = $2, login_pending = false, logged_out = false, version = version + 1
         WHERE id = $1 AND ($3::boolean IS NOT TRUE OR login_pending) AND EXISTS (SELECT 1 FROM harness_users WHERE user_id = $2) RETURNING id`,
        [key, userId, opts?.pendingLogin ?? false],
      );
      if (done.rows.length) return 'activated';
      const session = await readSession(key);
      if (!session) return 'no-session';
      return opts?.pendingLogin && !session.login_pending ? 'login-ended' : 'no-user';
    },

    async getUser(userId) {
      const row = await readUser(userId);
      return row && userFromRow(row);
    },
    async putUser(record) {
      await q(
        `INSERT INTO harness_users (user_id, username, status, sealed, access_token_hash, refresh_token_hash, access_expires_at, refresh_expires_at,
           last_refresh_at, consecutive_failures, resume_hashes, generation)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11::text[], $12)
         ON CONFLICT (user_id) DO UPDATE SET ${USER_SET}, version = harness_users.version + 1`,
        [record.userId, ...userParams(record)],
      );
    },
    async updateUser(userId, change) {
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        const row = await readUser(userId);
        if (!row) return undefined;
        const current = userFromRow(row);
        const next = change(current);
        if (!next) return current;
        // Replaced only if nobody wrote since we read: the version is the one read, or we read again.
        const written = await q<UserRow>(`UPDATE harness_users SET ${USER_SET}, version = version + 1 WHERE user_id = $1 AND version = $13 RETURNING *`, [
          userId,
          ...userParams({ ...next, userId }),
          row.version,
        ]);
        if (written.rows[0]) return userFromRow(written.rows[0]);
      }
      throw new Error(`user record: gave up after ${MAX_CAS_ATTEMPTS} conflicting writes`);
    },
    async deleteUser(userId, expected) {
      const rows = expected
        ? (await q<UserRow>('DELETE FROM harness_users WHERE user_id = $1 AND generation = $2 RETURNING *', [userId, expected.generation])).rows
        : (await q<UserRow>('DELETE FROM harness_users WHERE user_id = $1 RETURNING *', [userId])).rows;
      return rows[0] && userFromRow(rows[0]);
    },
    async listUsers() {
      return (await q<UserRow>('SELECT * FROM harness_users ORDER BY user_id')).rows.map(userFromRow);
    },
    async findUserByResumeHash(hash) {
      const row = (await q<UserRow>('SELECT * FROM harness_users WHERE resume_hashes @> ARRAY[$1]::text[] LIMIT 1', [hash])).rows[0];
      return row && userFromRow(row);
    },

    async counts() {
      const row = (await q<{ sessions: string; users: string }>('SELECT (SELECT count(*) FROM harness_sessions) AS sessions, (SELECT count(*) FROM harness_users) AS users')).rows[0]!;
      return { sessions: Number(row.sessions), users: Number(row.users) };
    },
    async snapshot(): Promise<StoreSnapshot> {
      // As stored: sessions by key, without the ids this process remembers.
      const sessions = (await q<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM harness_sessions ORDER BY created_at, id`)).rows.map((r) => ({ ...sessionFromRow(r, undefined) }));
      return { sessions, users: (await store.listUsers()).map((u) => structuredClone(u) as UserRecord) };
    },

    lockUser(userId, work, onWait) {
      return driver.withLock(`user/${userId}`, work, onWait);
    },
    close() {
      closed ??= (async () => {
        clearInterval(timer);
        await driver.close();
      })();
      return closed;
    },
  };
  return store;
}
