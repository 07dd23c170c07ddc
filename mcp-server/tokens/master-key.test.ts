import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error.js';
import { resolveMasterKey } from './master-key.js';

const ENV = 'OIDC_HARNESS_MASTER_KEY';
const key = randomBytes(32);
const fromEnv = (value: string) => resolveMasterKey(undefined, ENV, { [ENV]: value });

describe('the master key from the environment', () => {
  it('reads standard and URL-safe base64 of 32 bytes, padded or not', () => {
    for (const text of [key.toString('base64'), key.toString('base64').replace(/=$/, ''), key.toString('base64url'), ` ${key.toString('base64')}\n`]) {
      expect(Buffer.from(fromEnv(text)).equals(key)).toBe(true);
    }
  });

  it('refuses base64 with junk characters in it, which Node would silently skip, naming the variable', () => {
    const clean = key.toString('base64');
    for (const junk of [`${clean.slice(0, 20)}!${clean.slice(20)}`, `${clean.slice(0, 10)} ${clean.slice(10)}`, `${clean.slice(0, 43)}*`, `${clean}==`]) {
      expect(() => fromEnv(junk)).toThrow(ConfigError);
      expect(() => fromEnv(junk)).toThrow(/OIDC_HARNESS_MASTER_KEY.*must be base64/);
    }
  });

  it('refuses the wrong length with the length it got', () => {
    expect(() => fromEnv(randomBytes(16).toString('base64'))).toThrow(/must be base64/);
  });
});
