import { KeyedMutex } from '../../support/index.js';
import { sessionKey } from './session-key.js';
import type { ActivationResult, SessionRecord, SessionStore, StoreSnapshot, UserRecord } from './session-store.js';

/**
 * The in-memory store. Each method runs to completion without awaiting, so each is atomic on the event loop;
 * records are frozen, so a reader's copy never changes under it (seed 001 #6, #12).
 */
export function createMemoryStore(): SessionStore {
  const sessions = new Map<string, SessionRecord>();
  const users = new Map<string, UserRecord>();
  const byResumeHash = new Map<string, string>();
  // Servers in one process may share this store (in-process replicas); this lock is what they share.
  const locks = new KeyedMutex();

  const setUser = (record: UserRecord) => {
    const previous = users.get(record.userId);
    for (const h of previous?.resumeHashes ?? []) byResumeHash.delete(h);
    users.set(record.userId, Object.freeze({ ...record, resumeHashes: Object.freeze([...record.resumeHashes]) }));
    for (const h of record.resumeHashes) byResumeHash.set(h, record.userId);
  };
  const dropUser = (userId: string) => {
    const previous = users.get(userId);
    if (!previous) return undefined;
    for (const h of previous.resumeHashes) byResumeHash.delete(h);
    users.delete(userId);
    return previous;
  };

  return {
    durable: false,
    async createSession(record) {
      sessions.set(record.id, Object.freeze({ ...record }));
    },
    async getSession(id) {
      return sessions.get(id);
    },
    async updateSession(id, change) {
      const current = sessions.get(id);
      if (!current) return undefined;
      const next = Object.freeze({ ...change(current), id });
      sessions.set(id, next);
      return next;
    },
    async putSession(record) {
      sessions.set(record.id, Object.freeze({ ...record }));
    },
    async deleteSession(id) {
      const current = sessions.get(id);
      sessions.delete(id);
      return current;
    },
    async deleteSessionByKey(key) {
      // Memory is not at rest: this store keys by id and never sets `key`, so only a stray caller gets here.
      for (const [id, session] of sessions) if (sessionKey(id) === key) return (sessions.delete(id), session);
      return undefined;
    },
    async listSessions() {
      return [...sessions.values()];
    },
    async activate(sessionId, userId, opts): Promise<ActivationResult> {
      const session = sessions.get(sessionId);
      if (!session) return 'no-session';
      if (opts?.pendingLogin && !session.loginPending) return 'login-ended';
      if (!users.has(userId)) return 'no-user';
      sessions.set(sessionId, Object.freeze({ ...session, userId, loginPending: false, loggedOut: false }));
      return 'activated';
    },

    async getUser(userId) {
      return users.get(userId);
    },
    async putUser(record) {
      setUser(record);
    },
    async updateUser(userId, change) {
      const current = users.get(userId);
      if (!current) return undefined;
      const next = change(current);
      if (next) setUser({ ...next, userId });
      return users.get(userId);
    },
    async deleteUser(userId, expected) {
      if (expected && users.get(userId)?.generation !== expected.generation) return undefined;
      return dropUser(userId);
    },
    async listUsers() {
      return [...users.values()];
    },
    async findUserByResumeHash(hash) {
      const userId = byResumeHash.get(hash);
      return userId === undefined ? undefined : users.get(userId);
    },

    async counts() {
      return { sessions: sessions.size, users: users.size };
    },
    async snapshot(): Promise<StoreSnapshot> {
      return structuredClone({ sessions: [...sessions.values()], users: [...users.values()] });
    },
    lockUser(userId, work, onWait) {
      return locks.run(userId, work, onWait);
    },
    async close() {},
  };
}
