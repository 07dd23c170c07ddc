import { expect, it } from 'vitest';
import type { SessionStore, UserRecord } from '../store/session-store.js';

const user = (userId: string): UserRecord => ({ userId, status: 'authenticated', accessExpiresAt: 0, consecutiveFailures: 0, resumeHashes: [], generation: 1 });
const session = (id: string) => ({ id, createdAt: 1_000, lastSeenAt: 1_000, expiresAt: 2_000 });

/** What every session store's `activate` promises (seed 001 #3), as tests: the in-memory and the SQL stores run them. */
export function activationContract(open: () => Promise<SessionStore>): void {
  it('activates only when both the session and the user still exist (seed 001 #3)', async () => {
    const store = await open();
    expect(await store.activate('s1', 'alice')).toBe('no-session');
    await store.createSession(session('s1'));
    expect(await store.activate('s1', 'alice')).toBe('no-user');
    await store.putUser(user('alice'));
    expect(await store.activate('s1', 'alice')).toBe('activated');
    expect((await store.getSession('s1'))?.userId).toBe('alice');
  });

  it("activates a login only while the session's login is pending: a logout in between ended it", async () => {
    const store = await open();
    await store.putUser(user('alice'));
    await store.createSession({ ...session('s1'), loginPending: true });
    await store.updateSession('s1', (s) => ({ ...s, loginPending: false, loggedOut: true }));
    expect(await store.activate('s1', 'alice', { pendingLogin: true })).toBe('login-ended');
    expect(await store.getSession('s1')).toMatchObject({ loggedOut: true });
    expect((await store.getSession('s1'))?.userId).toBeUndefined();
    await store.updateSession('s1', (s) => ({ ...s, loginPending: true }));
    expect(await store.activate('s1', 'alice', { pendingLogin: true })).toBe('activated');
    expect((await store.getSession('s1'))?.userId).toBe('alice');
  });
}
