import type { TokenResponse } from '../provider/provider-client.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import type { TokenSecrets } from './token-cipher.js';
import { tokenHash } from './token-hash.js';

/** The next version of a user's record after the provider answered with tokens: one new immutable value. */
export function recordWithTokens(
  ctx: ServerContext,
  base: Pick<UserRecord, 'userId' | 'username' | 'resumeHashes' | 'generation'>,
  secrets: TokenSecrets,
  response: TokenResponse,
): UserRecord {
  const now = ctx.now();
  return {
    userId: base.userId,
    ...(base.username !== undefined ? { username: base.username } : {}),
    status: 'authenticated',
    sealed: ctx.cipher.seal(base.userId, secrets),
    accessTokenHash: tokenHash(secrets.accessToken),
    ...(secrets.refreshToken ? { refreshTokenHash: tokenHash(secrets.refreshToken) } : {}),
    accessExpiresAt: now + (response.expires_in ?? 60) * 1000,
    ...(secrets.refreshToken ? { refreshExpiresAt: now + ctx.config.heartbeat.refreshTokenLifetimeMs } : {}),
    lastRefreshAt: now,
    consecutiveFailures: 0,
    resumeHashes: base.resumeHashes,
    generation: base.generation + 1,
  };
}

/** The secrets a token response brings, keeping what it does not rotate. */
export function secretsFrom(response: TokenResponse, previous?: TokenSecrets): TokenSecrets {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  return {
    accessToken: response.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
  };
}

/** A sealed record that does not open: tampered with, moved to another user, or sealed under another master key. */
export class UnreadableTokensError extends Error {
  override name = 'UnreadableTokensError';
  constructor(readonly userId: string) {
    super('stored tokens cannot be decrypted for this user');
  }
}

/** The plaintext tokens of a record; undefined when it holds none, UnreadableTokensError when they do not open. */
export function openSecrets(ctx: ServerContext, record: UserRecord): TokenSecrets | undefined {
  if (!record.sealed) return undefined;
  try {
    return ctx.cipher.open(record.userId, record.sealed);
  } catch {
    throw new UnreadableTokensError(record.userId);
  }
}

/** Like openSecrets, but an unreadable record counts as holding nothing (logout and re-login must still work). */
export function tryOpenSecrets(ctx: ServerContext, record: UserRecord): TokenSecrets | undefined {
  try {
    return openSecrets(ctx, record);
  } catch (err) {
    if (err instanceof UnreadableTokensError) return undefined;
    throw err;
  }
}
