import type { SessionCloseReason } from '../server-events.js';
import type { SessionRecord } from '../store/session-store.js';

/** What closing a session does beyond removing it. Composition point of the `close-deletes-tokens` flaw. */
export interface SessionCloser {
  /** Runs after the session record is gone; says whether the user's tokens went with it. */
  closed(session: SessionRecord, reason: SessionCloseReason): Promise<{ tokensDeleted: boolean }>;
}

/**
 * Seed 000: a transport close, DELETE or reap is not a logout. The session -> user mapping is gone with the
 * session record; the user's tokens stay, so the user reconnects with the resume credential, no new login.
 */
export function createKeepTokensCloser(): SessionCloser {
  return { closed: async () => ({ tokensDeleted: false }) };
}
