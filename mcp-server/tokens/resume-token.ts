import { randomBytes } from 'node:crypto';
import { secretDigest } from './token-hash.js';

export interface ResumeToken {
  /** Handed to the client once, in login's answer. */
  token: string;
  /** What the store keeps (sha256): the token itself is never at rest. */
  hash: string;
  expiresAt: number;
}

const SHAPE = /^([0-9a-z]{1,11})\.[\w-]{43}$/;

/**
 * A resume credential that carries its own expiry: `<expiry in base36 ms>.<256 random bits>`. The store keeps
 * the sha256 of the whole string, so a client that edits the expiry presents a token nobody issued.
 */
export function issueResumeToken(now: number, lifetimeMs: number): ResumeToken {
  const expiresAt = Math.ceil(now + lifetimeMs);
  const token = `${expiresAt.toString(36)}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: secretDigest(token), expiresAt };
}

/** The expiry a resume token states, or undefined when it is not one (an old-style token without expiry included). */
export function resumeTokenExpiry(token: string): number | undefined {
  const match = SHAPE.exec(token);
  return match ? parseInt(match[1]!, 36) : undefined;
}
