import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The plaintext of one user's token record. Lives only in local variables, never in the store or a log. */
export interface TokenSecrets {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}

/** A token record at rest: AES-256-GCM under its own data key, the data key wrapped by the master key. */
export interface SealedRecord {
  readonly v: 1;
  readonly wrappedKey: string;
  readonly keyIv: string;
  readonly keyTag: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const b64 = (b: Buffer) => b.toString('base64url');
const raw = (s: string) => Buffer.from(s, 'base64url');

function gcmSeal(key: Uint8Array, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function gcmOpen(key: Uint8Array, iv: string, tag: string, ciphertext: string, aad: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, raw(iv));
  decipher.setAAD(aad);
  decipher.setAuthTag(raw(tag));
  return Buffer.concat([decipher.update(raw(ciphertext)), decipher.final()]);
}

/**
 * Envelope encryption of token records (seed 004): a fresh random data key per record, wrapped by the master
 * key. The user id is the additional authenticated data of both layers, so a record copied onto another user
 * fails to open instead of handing that user someone else's tokens.
 */
export class TokenCipher {
  readonly #masterKey: Uint8Array;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== 32) throw new RangeError('master key must be 32 bytes (AES-256)');
    this.#masterKey = Uint8Array.from(masterKey);
  }

  seal(userId: string, secrets: TokenSecrets): SealedRecord {
    const aad = Buffer.from(userId, 'utf8');
    const dataKey = randomBytes(32);
    const body = gcmSeal(dataKey, Buffer.from(JSON.stringify(secrets), 'utf8'), aad);
    const wrap = gcmSeal(this.#masterKey, dataKey, aad);
    dataKey.fill(0);
    return Object.freeze({
      v: 1,
      wrappedKey: b64(wrap.ciphertext),
      keyIv: b64(wrap.iv),
      keyTag: b64(wrap.tag),
      iv: b64(body.iv),
      tag: b64(body.tag),
      ciphertext: b64(body.ciphertext),
    });
  }

  /** Throws when the record was tampered with, belongs to another user, or was sealed under another master key. */
  open(userId: string, sealed: SealedRecord): TokenSecrets {
    const aad = Buffer.from(userId, 'utf8');
    const dataKey = gcmOpen(this.#masterKey, sealed.keyIv, sealed.keyTag, sealed.wrappedKey, aad);
    try {
      return JSON.parse(gcmOpen(dataKey, sealed.iv, sealed.tag, sealed.ciphertext, aad).toString('utf8')) as TokenSecrets;
    } finally {
      dataKey.fill(0);
    }
  }
}
