import { InvalidGrantError, ProviderError } from '../provider/provider-errors.js';
import type { ServerContext } from '../server-context.js';
import type { RefreshTrigger } from '../server-events.js';
import type { UserRecord } from '../store/session-store.js';
import type { TokenWriter } from './atomic-token-writer.js';
import type { FailurePolicy } from './failure-policy.js';
import type { TokenSecrets } from './token-cipher.js';
import { tokenHash } from './token-hash.js';
import { openSecrets, UnreadableTokensError } from './user-record.js';

export type RefreshOutcome =
  | { ok: true; record: UserRecord; secrets: TokenSecrets }
  | { ok: false; reason: 'gone' | 'needs_reauth' | 'failed'; retry: boolean; error?: ProviderError };

export interface RefreshRequest {
  trigger: RefreshTrigger;
  /** Refresh from this version instead of reading the store (what a heartbeat holding a snapshot does). */
  basis?: UserRecord;
  /**
   * The version the caller decided on (its access token was about to expire). If the stored tokens differ by the
   * time the refresh may run, another replica or caller refreshed already, and those tokens are used instead.
   */
  seen?: UserRecord;
}

/** Gets fresh tokens for a user. Composition point of the `unlocked-refresh` flaw. */
export interface Refresher {
  refresh(userId: string, request: RefreshRequest): Promise<RefreshOutcome>;
}

/** One refresh-token exchange and its bookkeeping; the refreshers decide who may run it when. */
export async function refreshOnce(
  ctx: ServerContext,
  deps: { writer: TokenWriter; failures: FailurePolicy },
  userId: string,
  { trigger, basis }: RefreshRequest,
): Promise<RefreshOutcome> {
  const record = basis ?? (await ctx.store.getUser(userId));
  if (!record) return { ok: false, reason: 'gone', retry: false };
  if (record.status !== 'authenticated' || !record.sealed) return { ok: false, reason: 'needs_reauth', retry: false };
  let refreshToken: string | undefined;
  try {
    refreshToken = openSecrets(ctx, record)?.refreshToken;
  } catch (err) {
    if (!(err instanceof UnreadableTokensError)) throw err;
    // Seed 004: a record that fails authentication is never used; the user must log in again.
    await deps.failures.onFailure(userId, new InvalidGrantError(err.message), record);
    return { ok: false, reason: 'needs_reauth', retry: false };
  }
  const presented = refreshToken ? { refreshTokenHash: tokenHash(refreshToken) } : {};
  ctx.events.record({ type: 'refresh.started', userId, trigger, ...presented });
  await ctx.pauses.pass('refresh.before-provider', { userId, trigger });
  try {
    if (!refreshToken) throw new InvalidGrantError('no refresh token was issued (is offline_access in the scope?)');
    const response = await ctx.provider.refresh(refreshToken);
    const written = await deps.writer.write(userId, record, response);
    if (!written) return { ok: false, reason: 'gone', retry: false };
    ctx.events.record({
      type: 'refresh.succeeded',
      userId,
      trigger,
      ...presented,
      ...(response.refresh_token ? { newRefreshTokenHash: tokenHash(response.refresh_token) } : {}),
      accessTokenHash: tokenHash(response.access_token),
    });
    return { ok: true, ...written };
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    // A refresh cut short by server close says nothing about the user; do not count it.
    if (ctx.closing.aborted) return { ok: false, reason: 'failed', retry: false, error: err };
    const decision = await deps.failures.onFailure(userId, err, record);
    ctx.events.record({ type: 'refresh.failed', userId, trigger, ...presented, error: err.code, transient: err.transient, consecutiveFailures: decision.consecutiveFailures });
    return { ok: false, reason: decision.needsReauth ? 'needs_reauth' : 'failed', retry: decision.retry, error: err };
  }
}
