import { decodeJwt } from 'jose';
import { InvalidIdTokenError } from '../provider/provider-errors.js';
import { claims, type IdTokenValidator } from '../provider/id-token-validator.js';

/** Flaw `unvalidated-tokens` (seed 001 #17): reads the claims and believes them; no signature, iss, aud or exp check. */
export function createDecodingValidator(): IdTokenValidator {
  return {
    async validate(idToken) {
      if (!idToken) throw new InvalidIdTokenError('token response carries no id_token');
      try {
        return claims(decodeJwt(idToken));
      } catch (err) {
        throw new InvalidIdTokenError(`id_token unreadable: ${(err as Error).message}`);
      }
    },
  };
}
