import { exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';

/** A fresh private signing key as a JWK, so every simulator has its own JWKS (a tampered token can't borrow it). */
export async function generateSigningKey(alg: 'ES256' | 'RS256') {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: randomUUID() };
}
