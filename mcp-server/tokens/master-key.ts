import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config-error.js';

/** The master key from the option, else from the environment (base64 of 32 bytes), else a new one per process. */
export function resolveMasterKey(option: Uint8Array | undefined, envName: string, env = process.env): Uint8Array {
  if (option) {
    if (option.length !== 32) throw new ConfigError('masterKey', `must be 32 bytes, got ${option.length}`);
    return option;
  }
  const fromEnv = env[envName];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new ConfigError(envName, `must be base64 of 32 bytes, got ${key.length} bytes`);
    return key;
  }
  return randomBytes(32);
}
