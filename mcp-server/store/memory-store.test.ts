import { describe, expect, it } from 'vitest';
import { activationContract } from '../testing/activation-contract.js';
import { createMemoryStore } from './memory-store.js';
import type { UserRecord } from './session-store.js';

const user = (userId: string, resumeHashes: string[] = []): UserRecord => ({ userId, status: 'authenticated', accessExpiresAt: 0, consecutiveFailures: 0, resumeHashes, generation: 1 });
const session = (id: string) => ({ id, createdAt: 0, lastSeenAt: 0, expiresAt: 1 });

describe('in-memory session store', () => {
  activationContract(async () => createMemoryStore());

  it('never creates a session by updating one that is gone', async () => {
    const store = createMemoryStore();
    expect(await store.updateSession('gone', (s) => ({ ...s, userId: 'alice' }))).toBeUndefined();
    expect(await store.counts()).toEqual({ sessions: 0, users: 0 });
  });

  it('hands out frozen records, so a reader\'s copy never changes under it (seed 001 #6, #12)', async () => {
    const store = createMemoryStore();
    await store.putUser(user('alice'));
    const read = await store.getUser('alice');
    await store.updateUser('alice', (u) => ({ ...u, generation: 2 }));
    expect(read?.generation).toBe(1);
    expect(Object.isFrozen(read)).toBe(true);
  });

  it('finds users by resume hash and forgets the hashes with the user', async () => {
    const store = createMemoryStore();
    await store.putUser(user('alice', ['h1', 'h2']));
    expect((await store.findUserByResumeHash('h2'))?.userId).toBe('alice');
    await store.putUser(user('alice', ['h3']));
    expect(await store.findUserByResumeHash('h1')).toBeUndefined();
    await store.deleteUser('alice');
    expect(await store.findUserByResumeHash('h3')).toBeUndefined();
  });
});
