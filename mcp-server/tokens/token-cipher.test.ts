import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher } from './token-cipher.js';

const secrets = { accessToken: 'at-value-123', refreshToken: 'rt-value-456', idToken: 'id.value.789' };

describe('token cipher (seed 004)', () => {
  it('opens what it sealed, and the sealed form contains no token text', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.seal('alice', secrets);
    expect(cipher.open('alice', sealed)).toEqual(secrets);
    expect(JSON.stringify(sealed)).not.toMatch(/at-value|rt-value|id\.value/);
  });

  it('uses a fresh data key and IV per record: sealing twice gives unrelated records', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const [a, b] = [cipher.seal('alice', secrets), cipher.seal('alice', secrets)];
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a record moved to another user (the user id is authenticated data)', () => {
    const cipher = new TokenCipher(randomBytes(32));
    expect(() => cipher.open('bob', cipher.seal('alice', secrets))).toThrow();
  });

  it('refuses a tampered record and a record sealed under another master key', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.seal('alice', secrets);
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.open('alice', { ...sealed, ciphertext: flipped.toString('base64url') })).toThrow();
    expect(() => new TokenCipher(randomBytes(32)).open('alice', sealed)).toThrow();
  });

  it('insists on a 256-bit master key', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
