import type { SealedRecord } from '../tokens/token-cipher.js';

/** One MCP session (one window). Ephemeral: it maps to a user, it never owns tokens (seed 000). */
export interface SessionRecord {
  /**
   * The MCP session id. A store that keeps only digests (the SQL store) cannot give it back for a session this
   * process has not seen since it started: such a listed record carries `stored:` + the first 12 characters of its
   * key here, and `key` to address it.
   */
  readonly id: string;
  /** The digest a hashing store files this session under (session-key.ts); set on every record it returns. */
  readonly key?: string;
  /** The user this session acts for, once a login completed or a resume succeeded. */
  readonly userId?: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** Absolute expiry, however busy the session is (seed 003). */
  readonly expiresAt: number;
  /** A device login started in this session and not finished yet. */
  readonly loginPending?: boolean;
  /** This session logged out (its mapping is gone), so status says logged_out rather than anonymous. */
  readonly loggedOut?: boolean;
}

/** One user's tokens, shared by every session of that user (seed 000). Replaced as a whole, never edited (001 #6). */
export interface UserRecord {
  readonly userId: string;
  readonly username?: string;
  readonly status: 'authenticated' | 'needs_reauth';
  /** AES-256-GCM sealed access/refresh/id tokens; absent once the user needs re-authentication (001 #14). */
  readonly sealed?: SealedRecord;
  /** Short sha256 prefixes of the current tokens, for timelines; never the values. */
  readonly accessTokenHash?: string;
  readonly refreshTokenHash?: string;
  readonly accessExpiresAt: number;
  /** When the current refresh token dies at the provider, as far as the configured lifetime says. */
  readonly refreshExpiresAt?: number;
  readonly lastRefreshAt?: number;
  readonly consecutiveFailures: number;
  /** sha256 of each resume credential login handed out; logout drops them all. */
  readonly resumeHashes: readonly string[];
  /** Bumped on every replacement, so a writer can tell whether the record changed under it. */
  readonly generation: number;
}

/** `login-ended`: asked for a pending login, the session's login is over (a logout in the window cancelled it). */
export type ActivationResult = 'activated' | 'no-session' | 'no-user' | 'login-ended';

export interface StoreSnapshot {
  sessions: SessionRecord[];
  users: UserRecord[];
}

/**
 * Where sessions and user records live. Every method is one atomic step. The in-memory store lives and dies with
 * the process; the SQL store (PostgreSQL or PGlite, seed 003) survives restarts and can be shared by replicas.
 */
export interface SessionStore {
  /** Sessions outlive the process (seed 003): a graceful shutdown leaves them for the next start to serve. */
  readonly durable: boolean;
  createSession(record: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Atomic read-modify-write; undefined when the session is gone (nothing is created). */
  updateSession(id: string, change: (current: SessionRecord) => SessionRecord): Promise<SessionRecord | undefined>;
  /** Unconditional upsert. */
  putSession(record: SessionRecord): Promise<void>;
  deleteSession(id: string): Promise<SessionRecord | undefined>;
  /** Removes a listed record by its `key` (a hashing store's record whose id this process never saw). */
  deleteSessionByKey(key: string): Promise<SessionRecord | undefined>;
  listSessions(): Promise<SessionRecord[]>;
  /**
   * Maps a session to a user in one step, only if both still exist (seed 001 #3); with `pendingLogin`, only if the
   * session's login is still pending too (a logout while the login completed ended it: found by explore).
   */
  activate(sessionId: string, userId: string, opts?: { pendingLogin?: boolean }): Promise<ActivationResult>;

  getUser(userId: string): Promise<UserRecord | undefined>;
  putUser(record: UserRecord): Promise<void>;
  /** Atomic read-modify-write; `change` returning undefined leaves the record as it is. */
  updateUser(userId: string, change: (current: UserRecord) => UserRecord | undefined): Promise<UserRecord | undefined>;
  /**
   * Removes the record; with `generation`, only if it is still that version (a delete names what it means to
   * delete, so an old failure never removes a newer login's tokens).
   */
  deleteUser(userId: string, expected?: { generation: number }): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  findUserByResumeHash(hash: string): Promise<UserRecord | undefined>;

  counts(): Promise<{ sessions: number; users: number }>;
  /** Everything the store holds, as stored: what a no-plaintext check inspects. */
  snapshot(): Promise<StoreSnapshot>;

  /**
   * Runs `work` holding this user's lock in every process that shares the store (a PostgreSQL advisory lock for
   * the SQL store; an in-process lock for stores only one process can open). What single-flight refresh across
   * replicas stands on. `onWait` is called when the lock is held elsewhere and `work` has to wait for it.
   */
  lockUser<T>(userId: string, work: () => Promise<T>, onWait?: () => void): Promise<T>;
  /** Stops timers and closes connections. Idempotent. */
  close(): Promise<void>;
}
