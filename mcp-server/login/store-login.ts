import type { IdTokenClaims } from '../provider/id-token-validator.js';
import type { TokenResponse } from '../provider/provider-client.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import { recordWithTokens, secretsFrom, tryOpenSecrets } from '../tokens/user-record.js';

/** Resume credentials kept per user; the oldest fall off. */
const MAX_RESUME_CREDENTIALS = 16;
/** Compare-and-swap attempts of one login against concurrent writers of the same user. */
const MAX_LOGIN_WRITES = 20;

/**
 * One record per user, shared by all of the user's sessions (seed 000). A new login replaces the record under the
 * user's lock in this process, and gives the superseded grant back. Replicas do not wait for each other here (a
 * refresh elsewhere may hang on the provider for a while); instead the replacement is a compare-and-swap on the
 * generation it read, so it lands after, never inside, another replica's write, and that replica's refresh then
 * finds its own basis gone (seed 003).
 */
export async function storeLogin(ctx: ServerContext, claims: IdTokenClaims, tokens: TokenResponse, resumeHash: string): Promise<UserRecord> {
  const userId = claims.sub;
  const { record, superseded } = await ctx.userLock.run(userId, async () => {
    for (let attempt = 0; attempt < MAX_LOGIN_WRITES; attempt++) {
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
      if (!previous) {
        await ctx.store.putUser(record);
        return { record, superseded: undefined };
      }
      const stored = await ctx.store.updateUser(userId, (current) => (current.generation === previous.generation ? record : undefined));
      if (stored?.generation === record.generation && stored.accessTokenHash === record.accessTokenHash) return { record, superseded: tryOpenSecrets(ctx, previous) };
    }
    throw new Error(`login of ${userId}: the token record kept changing under ${MAX_LOGIN_WRITES} attempts`);
  });
  const oldToken = superseded?.refreshToken;
  if (oldToken && oldToken !== tokens.refresh_token) {
    void ctx.tasks.track(ctx.provider.revoke(oldToken, 'refresh_token').catch(() => undefined));
  }
  return record;
}
