import type { SealedRecord } from '../tokens/token-cipher.js';
import type { SessionRecord, UserRecord } from './session-store.js';

export interface UserRow {
  user_id: string;
  username: string | null;
  status: UserRecord['status'];
  sealed: SealedRecord | null;
  access_token_hash: string | null;
  refresh_token_hash: string | null;
  access_expires_at: string | number;
  refresh_expires_at: string | number | null;
  last_refresh_at: string | number | null;
  consecutive_failures: number;
  resume_hashes: string[];
  generation: string | number;
  version: string | number;
}

export interface SessionRow {
  id: string;
  user_id: string | null;
  created_ms: string | number;
  last_accessed_ms: string | number;
  expires_ms: string | number;
  login_pending: boolean;
  logged_out: boolean;
  version: string | number;
}

/** Sessions' times are timestamptz (seed 003's columns, readable in psql); read back as epoch milliseconds. */
export const SESSION_COLUMNS = `id, user_id, login_pending, logged_out, version,
  round(extract(epoch from created_at) * 1000) AS created_ms,
  round(extract(epoch from last_accessed_at) * 1000) AS last_accessed_ms,
  round(extract(epoch from expires_at) * 1000) AS expires_ms`;

// bigint comes back as a string from both drivers; every value here is far below 2^53.
const num = (v: string | number) => Number(v);

export function userFromRow(r: UserRow): UserRecord {
  return Object.freeze({
    userId: r.user_id,
    ...(r.username !== null ? { username: r.username } : {}),
    status: r.status,
    ...(r.sealed ? { sealed: Object.freeze({ ...r.sealed }) } : {}),
    ...(r.access_token_hash !== null ? { accessTokenHash: r.access_token_hash } : {}),
    ...(r.refresh_token_hash !== null ? { refreshTokenHash: r.refresh_token_hash } : {}),
    accessExpiresAt: num(r.access_expires_at),
    ...(r.refresh_expires_at !== null ? { refreshExpiresAt: num(r.refresh_expires_at) } : {}),
    ...(r.last_refresh_at !== null ? { lastRefreshAt: num(r.last_refresh_at) } : {}),
    consecutiveFailures: r.consecutive_failures,
    resumeHashes: Object.freeze([...r.resume_hashes]),
    generation: num(r.generation),
  });
}

/** Parameters $2..$13 of the user statements, in column order (user_id is $1). */
export function userParams(u: UserRecord): unknown[] {
  return [
    u.username ?? null,
    u.status,
    u.sealed ? JSON.stringify(u.sealed) : null,
    u.accessTokenHash ?? null,
    u.refreshTokenHash ?? null,
    u.accessExpiresAt,
    u.refreshExpiresAt ?? null,
    u.lastRefreshAt ?? null,
    u.consecutiveFailures,
    [...u.resumeHashes],
    u.generation,
  ];
}

export const USER_SET = `username = $2, status = $3, sealed = $4::jsonb, access_token_hash = $5, refresh_token_hash = $6,
  access_expires_at = $7, refresh_expires_at = $8, last_refresh_at = $9, consecutive_failures = $10,
  resume_hashes = $11::text[], generation = $12, updated_at = now()`;

/**
 * `r.id` is the session's key (session-key.ts); `id` is the session id the caller named, when it named one, else
 * the one this process last saw under that key, else a `stored:` label (the id itself is not kept).
 */
export function sessionFromRow(r: SessionRow, id: string | undefined): SessionRecord {
  return Object.freeze({
    id: id ?? `stored:${r.id.slice(0, 12)}`,
    key: r.id,
    ...(r.user_id !== null ? { userId: r.user_id } : {}),
    createdAt: num(r.created_ms),
    lastSeenAt: num(r.last_accessed_ms),
    expiresAt: num(r.expires_ms),
    ...(r.login_pending ? { loginPending: true } : {}),
    ...(r.logged_out ? { loggedOut: true } : {}),
  });
}

/** Parameters $2..$7 of the session statements (id is $1); times as epoch milliseconds. */
export function sessionParams(s: SessionRecord): unknown[] {
  return [s.userId ?? null, s.createdAt, s.lastSeenAt, s.expiresAt, s.loginPending ?? false, s.loggedOut ?? false];
}

const ts = (p: string) => `to_timestamp(${p}::double precision / 1000)`;
export const SESSION_VALUES = `$1, $2, ${ts('$3')}, ${ts('$4')}, ${ts('$5')}, $6, $7`;
export const SESSION_SET = `user_id = $2, created_at = ${ts('$3')}, last_accessed_at = ${ts('$4')}, expires_at = ${ts('$5')},
  login_pending = $6, logged_out = $7`;
export const msToTimestamp = ts;
