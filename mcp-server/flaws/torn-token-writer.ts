import type { ServerContext } from '../server-context.js';
import type { TokenWriter } from '../tokens/atomic-token-writer.js';
import { tokenHash } from '../tokens/token-hash.js';
import { openSecrets } from '../tokens/user-record.js';

/**
 * Flaw `torn-token-update` (seed 001 #6): fields are written one at a time, without a transaction and outside the
 * refresh flight. The caller gets the new access token as soon as it is stored; the rotated refresh token follows
 * in a second write. Anyone refreshing in between presents the refresh token the provider just consumed.
 */
export function createTornTokenWriter(ctx: ServerContext): TokenWriter {
  return {
    async write(userId, basis, response) {
      const old = openSecrets(ctx, basis);
      const first = { ...old, accessToken: response.access_token };
      const partial = {
        ...basis,
        sealed: ctx.cipher.seal(userId, first),
        accessTokenHash: tokenHash(first.accessToken),
        accessExpiresAt: ctx.now() + (response.expires_in ?? 60) * 1000,
        generation: basis.generation + 1,
      };
      await ctx.store.putUser(partial);
      ctx.events.record({ type: 'tokens.written', userId, accessTokenHash: partial.accessTokenHash, ...(basis.refreshTokenHash ? { refreshTokenHash: basis.refreshTokenHash } : {}), partial: true });

      void ctx.tasks.track(
        (async () => {
          await ctx.pauses.pass('token-write', { userId });
          const latest = (await ctx.store.getUser(userId)) ?? partial;
          const secrets = { ...(openSecrets(ctx, latest) ?? first), ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}) };
          const now = ctx.now();
          await ctx.store.putUser({
            ...latest,
            status: 'authenticated',
            sealed: ctx.cipher.seal(userId, secrets),
            ...(secrets.refreshToken ? { refreshTokenHash: tokenHash(secrets.refreshToken), refreshExpiresAt: now + ctx.config.heartbeat.refreshTokenLifetimeMs } : {}),
            lastRefreshAt: now,
            consecutiveFailures: 0,
            generation: latest.generation + 1,
          });
          ctx.events.record({ type: 'tokens.written', userId, accessTokenHash: tokenHash(secrets.accessToken), ...(secrets.refreshToken ? { refreshTokenHash: tokenHash(secrets.refreshToken) } : {}), partial: false });
        })().catch((err: Error) => ctx.events.record({ type: 'server.error', where: 'torn-token-writer', message: err.message })),
      );
      return { record: partial, secrets: first };
    },
  };
}
