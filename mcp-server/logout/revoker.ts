import type { ServerContext } from '../server-context.js';
import type { TokenSecrets } from '../tokens/token-cipher.js';

/** Gives a logged-out user's grant back to the provider. Composition point of the `no-revoke-on-logout` flaw. */
export interface Revoker {
  /** True when the provider confirmed the revocation. Never throws: logout succeeds locally either way. */
  revoke(secrets: TokenSecrets): Promise<boolean>;
}

/**
 * Seed 001 #7 and seed 002: logout revokes the refresh token at the provider (RFC 7009), which ends the whole
 * grant, so a re-login within the token's lifetime never meets the old one. Best effort: a provider outage does
 * not keep the user logged in here.
 */
export function createProviderRevoker(ctx: ServerContext): Revoker {
  return {
    async revoke(secrets) {
      const [token, hint] = secrets.refreshToken ? [secrets.refreshToken, 'refresh_token' as const] : [secrets.accessToken, 'access_token' as const];
      try {
        await ctx.provider.revoke(token, hint);
        return true;
      } catch {
        return false;
      }
    },
  };
}
