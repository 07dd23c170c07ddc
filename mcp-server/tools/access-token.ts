import { InvalidTokenError, ProviderError } from '../provider/provider-errors.js';
import type { UserRecord } from '../store/session-store.js';
import type { RefreshOutcome } from '../tokens/refresh-once.js';
import { openSecrets, UnreadableTokensError } from '../tokens/user-record.js';
import type { ToolCall, ToolDeps } from './tool-deps.js';
import { NeedsReauthError, NotAuthenticatedError, ToolError, toolErrorFrom } from './tool-errors.js';

/** The user record behind a call, or the clear reason there is none (seed 000 two-step lookup: session -> user -> tokens). */
export async function requireUser(deps: ToolDeps, call: ToolCall<unknown>): Promise<UserRecord> {
  if (!call.userId) {
    const session = await deps.ctx.store.getSession(call.sessionId);
    if (session?.loginPending) throw new NotAuthenticatedError('login pending: approve the device code, then try again');
    throw new NotAuthenticatedError(session?.loggedOut ? 'logged out; call login' : 'not logged in; call login or resume');
  }
  const user = await deps.ctx.store.getUser(call.userId);
  if (!user) throw new NotAuthenticatedError('the user logged out (here or in another window); call login');
  if (user.status === 'needs_reauth' || !user.sealed) throw new NeedsReauthError();
  return user;
}

function readAccessToken(deps: ToolDeps, user: UserRecord): string {
  try {
    return openSecrets(deps.ctx, user)!.accessToken;
  } catch (err) {
    if (err instanceof UnreadableTokensError) throw new NeedsReauthError('stored tokens cannot be decrypted for this user; call login');
    throw err;
  }
}

function accessTokenOf(outcome: RefreshOutcome): string {
  if (outcome.ok) return outcome.secrets.accessToken;
  if (outcome.reason === 'gone') throw new NotAuthenticatedError('the user logged out while the token was refreshed; call login');
  if (outcome.reason === 'needs_reauth') throw new NeedsReauthError();
  throw outcome.error ? toolErrorFrom(outcome.error) : new NeedsReauthError();
}

/**
 * Fresh access tokens fetched in one call because each had expired, by this server's own clock, before the provider
 * answered: a stalled process, not a refusing provider. Bounded, so a provider whose tokens never last ends it.
 */
const MAX_EXPIRED_IN_FLIGHT = 3;

/**
 * Runs `use` with the call's user's access token: refreshed first when it is about to expire (shared single
 * flight, seed 001 #1), and refreshed once more if the provider refuses it anyway (revoked or expired early), and
 * once more again if it refuses that fresh token too (ended at the provider while its refresh was on its way).
 * A refused fresh token that had reached its own expiry by the time the answer came was refused for its age: the
 * server took too long to use it (a stalled machine, issue 12), which says nothing about the grant, so it fetches
 * another instead of telling the user to log in again.
 */
export async function withAccessToken<T>(deps: ToolDeps, call: ToolCall<unknown>, use: (accessToken: string) => Promise<T>): Promise<T> {
  const { ctx, refresher } = deps;
  const user = await requireUser(deps, call);
  // `seen`: the version this call judged stale; if another replica refreshed it meanwhile, its tokens are used.
  let seen = user;
  let token: string;
  const expiredBy = (record: UserRecord) => ctx.now() >= record.accessExpiresAt - ctx.config.accessTokenSkewMs;
  if (expiredBy(user)) {
    const outcome = await refresher.refresh(user.userId, { trigger: 'tool', seen });
    token = accessTokenOf(outcome);
    if (outcome.ok) seen = outcome.record;
  } else {
    token = readAccessToken(deps, user);
  }
  try {
    return await use(token);
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw asToolError(err);
  }
  for (let attempt = 1; ; attempt++) {
    const outcome = await refresher.refresh(user.userId, { trigger: 'tool', seen });
    token = accessTokenOf(outcome);
    if (outcome.ok) seen = outcome.record;
    try {
      return await use(token);
    } catch (err) {
      const expiredInFlight = err instanceof InvalidTokenError && outcome.ok && expiredBy(outcome.record);
      // A fresh token refused on its first use may have been ended at the provider while its refresh was on its way
      // (one this call joined, say): the refresh token is good, so one more refresh, not "log in again" (found by
      // explore: wide, seed 204, expire-now while a refresh was held at token-write).
      const refusedOnce = err instanceof InvalidTokenError && outcome.ok && attempt === 1;
      if ((!expiredInFlight && !refusedOnce) || attempt >= MAX_EXPIRED_IN_FLIGHT) throw asToolError(err);
    }
  }
}

function asToolError(err: unknown): unknown {
  if (err instanceof ToolError) return err;
  if (err instanceof InvalidTokenError) return new NeedsReauthError('the identity provider refuses the access token even after a refresh; call login');
  return err instanceof ProviderError ? toolErrorFrom(err) : err;
}
