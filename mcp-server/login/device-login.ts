import { AuthorizationPendingError, ProviderError, SlowDownError } from '../provider/provider-errors.js';
import type { DeviceStart, TokenResponse } from '../provider/provider-client.js';
import type { IdTokenValidator } from '../provider/id-token-validator.js';
import type { ServerContext } from '../server-context.js';
import type { SessionActivator } from '../sessions/session-activator.js';
import { sleep } from '../support/sleep.js';
import { issueResumeToken } from '../tokens/resume-token.js';
import type { UserRecord } from '../store/session-store.js';
import { storeLogin } from './store-login.js';

export interface LoginStart {
  status: 'pending';
  verification_uri: string;
  verification_uri_complete?: string;
  user_code: string;
  expires_in: number;
  /**
   * Lets a later session of this user attach without a new login (seed 000). Shown once, stored as a hash; valid
   * for `resume_token_expires_in` seconds (the session's absolute lifetime), or until logout.
   */
  resume_token: string;
  resume_token_expires_in: number;
}

export interface DeviceLogin {
  start(sessionId: string): Promise<LoginStart>;
  /** Every pending login polls the provider now instead of at its next interval (once; then the interval again). */
  pollNow(): void;
}

/** RFC 8628 §3.5: without an announced interval, poll every 5 s; slow_down adds 5 s. */
const DEFAULT_INTERVAL_MS = 5000;
const SLOW_DOWN_MS = 5000;

/**
 * The device authorization flow. `start` answers at once with what the user needs to approve; polling runs in
 * the background and, on approval, validates the id_token, stores the user's tokens and maps the session.
 */
export function createDeviceLogin(ctx: ServerContext, deps: { validator: IdTokenValidator; activator: SessionActivator }): DeviceLogin {
  const fail = async (sessionId: string, err: unknown) => {
    const e = err instanceof ProviderError ? err : new ProviderError('login_failed', (err as Error).message);
    await ctx.store.updateSession(sessionId, (s) => ({ ...s, loginPending: false }));
    ctx.events.record({ type: 'login.failed', sessionId, error: e.code, message: e.message });
  };

  // Issue 13: a refused login must not leave a live grant at the provider that nobody will ever use or revoke.
  const giveBack = async (tokens: TokenResponse) => {
    const revocations = [
      ...(tokens.refresh_token ? [ctx.provider.revoke(tokens.refresh_token, 'refresh_token')] : []),
      ctx.provider.revoke(tokens.access_token, 'access_token'),
    ];
    await Promise.all(revocations.map((r) => r.catch(() => undefined)));
  };

  /** The session's login is over (closed, or its window logged out): this login's tokens must not stay alive. */
  const ended = async (sessionId: string, tokens: TokenResponse) => {
    await giveBack(tokens);
    ctx.events.record({ type: 'login.failed', sessionId, error: 'login_ended', message: 'the session logged out or closed while its login completed' });
  };

  /**
   * A login the window logged out of after its tokens were stored: the resume credential it handed out goes, and so
   * do its tokens unless another session of the user holds them (they are the user's current ones then). Under the
   * user's lock, like a logout's own step.
   */
  const withdraw = async (sessionId: string, record: UserRecord, tokens: TokenResponse, resumeHash: string) => {
    const orphaned = await ctx.userLock.run(record.userId, async () => {
      if ((await ctx.store.listSessions()).some((s) => s.userId === record.userId)) {
        await ctx.store.updateUser(record.userId, (u) => (u.resumeHashes.includes(resumeHash) ? { ...u, resumeHashes: u.resumeHashes.filter((h) => h !== resumeHash) } : undefined));
        return false;
      }
      return (await ctx.store.deleteUser(record.userId, { generation: record.generation })) !== undefined;
    });
    if (orphaned) await ended(sessionId, tokens);
    else ctx.events.record({ type: 'login.failed', sessionId, error: 'login_ended', message: 'the session logged out while its login completed' });
  };

  const complete = async (sessionId: string, tokens: TokenResponse, resumeHash: string) => {
    const claims = await deps.validator.validate(tokens.id_token, tokens.access_token).catch(async (err: unknown) => {
      await giveBack(tokens);
      throw err;
    });
    // Found by explore: a logout in the window while its login was pending ends that login; the approval that
    // comes after must not log the window in behind its back.
    if (!(await ctx.store.getSession(sessionId))?.loginPending) return ended(sessionId, tokens);
    const record = await storeLogin(ctx, claims, tokens, resumeHash);
    ctx.events.record({
      type: 'login.succeeded',
      sessionId,
      userId: record.userId,
      ...(record.username ? { username: record.username } : {}),
      accessTokenHash: record.accessTokenHash!,
      ...(record.refreshTokenHash ? { refreshTokenHash: record.refreshTokenHash } : {}),
      ...(await ctx.counts()),
    });
    // Found by explore: another window logged the user out (or the session closed) while this login completed. The
    // login is over; the session must not report it pending for ever.
    const activation = await deps.activator.activate(sessionId, record.userId, 'login');
    if (activation !== 'activated') await ctx.store.updateSession(sessionId, (s) => ({ ...s, loginPending: false }));
    if (activation === 'login-ended') await withdraw(sessionId, record, tokens, resumeHash);
  };

  /** Each pending poll's way to cut its wait short; a wake that comes while it polls cuts the next wait. */
  const wakers = new Set<() => void>();

  const poll = async (sessionId: string, start: DeviceStart, resumeHash: string) => {
    let interval = ctx.config.devicePollIntervalMs ?? (start.interval ? start.interval * 1000 : DEFAULT_INTERVAL_MS);
    const deadline = Date.now() + start.expires_in * 1000;
    let woken = new AbortController();
    const wake = () => woken.abort();
    wakers.add(wake);
    try {
      for (;;) {
        await sleep(interval, AbortSignal.any([ctx.closing, woken.signal]));
        if (ctx.closing.aborted) return;
        if (woken.signal.aborted) woken = new AbortController();
        // Asleep, a poll works on nothing; woken, it is a strand of the session's login until it sleeps again.
        const done = await ctx.activity.run({ via: 'login', sessionId }, () => pollOnce(sessionId, start, resumeHash, () => (interval += SLOW_DOWN_MS), deadline));
        if (done) return;
      }
    } finally {
      wakers.delete(wake);
    }
  };

  /** One poll: true when the login is over (completed, failed, or the server closing), false to poll again. */
  const pollOnce = async (sessionId: string, start: DeviceStart, resumeHash: string, slowDown: () => void, deadline: number): Promise<boolean> => {
    let tokens: TokenResponse;
    try {
      tokens = await ctx.provider.pollDeviceToken(start.device_code);
    } catch (err) {
      if (ctx.closing.aborted) return true;
      if (err instanceof AuthorizationPendingError) return false;
      if (err instanceof SlowDownError) {
        slowDown();
        return false;
      }
      if (err instanceof ProviderError && err.transient && Date.now() < deadline) return false;
      await fail(sessionId, err);
      return true;
    }
    await complete(sessionId, tokens, resumeHash).catch((err) => fail(sessionId, err));
    return true;
  };

  return {
    async start(sessionId) {
      const start = await ctx.provider.startDeviceAuthorization();
      const lifetimeMs = ctx.config.sessions.absoluteLifetimeMs;
      const resume = issueResumeToken(ctx.now(), lifetimeMs);
      await ctx.store.updateSession(sessionId, (s) => ({ ...s, loginPending: true }));
      ctx.events.record({ type: 'login.started', sessionId });
      void ctx.tasks.track(ctx.activity.detached(() => poll(sessionId, start, resume.hash)).catch((err) => fail(sessionId, err)));
      return {
        status: 'pending',
        verification_uri: start.verification_uri,
        ...(start.verification_uri_complete ? { verification_uri_complete: start.verification_uri_complete } : {}),
        user_code: start.user_code,
        expires_in: start.expires_in,
        resume_token: resume.token,
        resume_token_expires_in: Math.floor(lifetimeMs / 1000),
      };
    },
    pollNow() {
      for (const wake of wakers) wake();
    },
  };
}
