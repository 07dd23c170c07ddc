import type { IdTokenClaims } from '../provider/id-token-validator.js';
import type { TokenResponse } from '../provider/provider-client.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import { recordWithTokens, secretsFrom, tryOpenSecrets } from '../tokens/user-record.js';

/** Resume credentials kept per user; the oldest fall off. */
const MAX_RESUME_CREDENTIALS = 16;

/**
 * One record per user, shared by all of the user's sessions (seed 000). A new login replaces the record under the
 * user's lock (so a refresh in flight cannot write older tokens over it) and gives the superseded grant back.
 */
export async function storeLogin(ctx: ServerContext, claims: IdTokenClaims, tokens: TokenResponse, resumeHash: string): Promise<UserRecord> {
  const userId = claims.sub;
  const { record, superseded } = await ctx.userLock.run(userId, async () => {
    const previous = await ctx.store.getUser(userId);
    const record = recordWithTokens(
      ctx,
      {
        userId,
        ...(claims.preferred_username ? { username: claims.preferred_username } : {}),
        resumeHashes: [...(previous?.resumeHashes ?? []).slice(-(MAX_RESUME_CREDENTIALS - 1)), resumeHash],
        generation: previous?.generation ?? 0,
      },
      secretsFrom(tokens),
      tokens,
    );
    await ctx.store.putUser(record);
    return { record, superseded: previous && tryOpenSecrets(ctx, previous) };
  });
  const oldToken = superseded?.refreshToken;
  if (oldToken && oldToken !== tokens.refresh_token) {
    void ctx.tasks.track(ctx.provider.revoke(oldToken, 'refresh_token').catch(() => undefined));
  }
  return record;
}

