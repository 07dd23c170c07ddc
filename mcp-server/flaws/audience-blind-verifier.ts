import { tokenVerifier, type AccessTokenVerifier, type VerifierInput } from '../resource-server/access-token-verifier.js';

/** Flaw no-audience-check: signature (or introspection), issuer and expiry are checked, the audience is not (a token for any resource passes). */
export function createAudienceBlindVerifier(input: VerifierInput): AccessTokenVerifier {
  return tokenVerifier(input, { checkAudience: false });
}
