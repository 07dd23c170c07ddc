import type { TokenResponse } from '../provider/provider-client.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import type { TokenSecrets } from './token-cipher.js';
import { openSecrets, recordWithTokens, secretsFrom } from './user-record.js';

export interface WrittenTokens {
  record: UserRecord;
  secrets: TokenSecrets;
}

/** Stores a refresh's result. Composition point of the `torn-token-update` flaw. */
export interface TokenWriter {
  /** Undefined when the record changed or vanished meanwhile and the result was not stored. */
  write(userId: string, basis: UserRecord, response: TokenResponse): Promise<WrittenTokens | undefined>;
}

/**
 * Seed 001 #6: the record is replaced as one immutable value, and only if it is still the version the refresh
 * started from; a reader sees the old tokens or the new ones, never a mix.
 */
export function createAtomicTokenWriter(ctx: ServerContext): TokenWriter {
  return {
    async write(userId, basis, response) {
      const secrets = secretsFrom(response, openSecrets(ctx, basis));
      const next = recordWithTokens(ctx, basis, secrets, response);
      await ctx.pauses.pass('token-write', { userId });
      const stored = await ctx.store.updateUser(userId, (current) => (current.generation === basis.generation ? next : undefined));
      if (stored?.generation !== next.generation || stored.accessTokenHash !== next.accessTokenHash) {
        // Nobody will ever use these tokens: give the grant back rather than leave it alive at the provider.
        if (secrets.refreshToken) void ctx.tasks.track(ctx.provider.revoke(secrets.refreshToken, 'refresh_token').catch(() => undefined));
        return undefined;
      }
      ctx.events.record({
        type: 'tokens.written',
        userId,
        accessTokenHash: next.accessTokenHash!,
        ...(next.refreshTokenHash ? { refreshTokenHash: next.refreshTokenHash } : {}),
        partial: false,
      });
      return { record: next, secrets };
    },
  };
}
