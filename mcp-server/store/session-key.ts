import { secretDigest } from '../tokens/token-hash.js';

/**
 * What a store that keeps sessions at rest files a session under: base64url(sha256(id)). A session id is a bearer
 * credential (whoever sends it is that window), so a copy of the database must not hand out working ids; the key
 * cannot be sent back as an id, since every lookup hashes what it is given.
 */
export const sessionKey = (sessionId: string): string => secretDigest(sessionId);
