import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config-error.js';

/** Standard or URL-safe base64, padding optional: 32 bytes are 43 characters and an optional "=". */
const BASE64 = /^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/;

/** The master key from the option, else from the environment (base64 of 32 bytes), else a new one per process. */
export function resolveMasterKey(option: Uint8Array | undefined, envName: string, env = process.env): Uint8Array {
  if (option) {
    if (option.length !== 32) throw new ConfigError('masterKey', `must be 32 bytes, got ${option.length}`);
    return option;
  }
  const fromEnv = env[envName];
  if (fromEnv) {
    // Node's decoder skips characters outside the alphabet, so a key with junk in it would decode to some other key.
    const text = fromEnv.trim();
    if (!BASE64.test(text)) throw new ConfigError(envName, 'must be base64 (A-Z a-z 0-9 + / or - _, "=" padding only at the end) of 32 bytes; it has other characters');
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new ConfigError(envName, `must be base64 of 32 bytes, got ${key.length} bytes`);
    return key;
  }
  return randomBytes(32);
}
