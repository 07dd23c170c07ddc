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
 * Runs `use` with the call's user's access token: refreshed first when it is about to expire (shared single
 * flight, seed 001 #1), and refreshed once more if the provider refuses it anyway (revoked or expired early).
 */
export async function withAccessToken<T>(deps: ToolDeps, call: ToolCall<unknown>, use: (accessToken: string) => Promise<T>): Promise<T> {
  const { ctx, refresher } = deps;
  const user = await requireUser(deps, call);
  // `seen`: the version this call judged stale; if another replica refreshed it meanwhile, its tokens are used.
  let seen = user;
  let token: string;
  if (ctx.now() >= user.accessExpiresAt - ctx.config.accessTokenSkewMs) {
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
  token = accessTokenOf(await refresher.refresh(user.userId, { trigger: 'tool', seen }));
  try {
    return await use(token);
  } catch (err) {
    throw asToolError(err);
  }
}

function asToolError(err: unknown): unknown {
  if (err instanceof ToolError) return err;
  if (err instanceof InvalidTokenError) return new NeedsReauthError('the identity provider refuses the access token even after a refresh; call login');
  return err instanceof ProviderError ? toolErrorFrom(err) : err;
}
