import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';

type Key = Awaited<ReturnType<typeof importJWK>>;

/**
 * Re-signs id_tokens whose claims the simulator changed on the way out (skew, tamper): with the provider's own
 * key, so only the changed claims are wrong, or with a key that is in no JWKS (the `unknown-key` tamper).
 */
export class IdTokenSigner {
  #own?: Promise<Key>;
  #foreign?: Promise<Key>;

  constructor(private readonly jwk: Record<string, unknown> & { alg: string }) {}

  decode(idToken: string): { claims: JWTPayload; header: ReturnType<typeof decodeProtectedHeader> } {
    return { claims: decodeJwt(idToken), header: decodeProtectedHeader(idToken) };
  }

  async sign(claims: JWTPayload, header: ReturnType<typeof decodeProtectedHeader>, foreign = false): Promise<string> {
    const alg = header.alg ?? this.jwk.alg;
    const key = foreign ? (this.#foreign ??= generateKeyPair(alg).then((p) => p.privateKey)) : (this.#own ??= importJWK(this.jwk, alg));
    // The same kid on purpose: a client that picks the key by kid must still find the signature wrong.
    return new SignJWT(claims).setProtectedHeader({ ...header, alg }).sign(await key);
  }
}
