import type { ToolCall, ToolDeps } from './tool-deps.js';

export type SessionStatus = 'anonymous' | 'pending' | 'authenticated' | 'needs_reauth' | 'logged_out';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** `session_status` (seed 001 #18): the backend's own view, so a client never shows a login the server lost. */
export async function sessionStatusTool(deps: ToolDeps, call: ToolCall): Promise<Record<string, unknown>> {
  const session = await deps.ctx.store.getSession(call.sessionId);
  // The call's user was looked up before this read; a login that completed in between (a database round trip is
  // long enough, seed 003) shows in the session, and the status must not call it anonymous.
  const userId = call.userId ?? session?.userId;
  const user = userId ? await deps.ctx.store.getUser(userId) : undefined;
  const status: SessionStatus = userId
    ? (user?.status ?? 'logged_out')
    : session?.loginPending
      ? 'pending'
      : session?.loggedOut
        ? 'logged_out'
        : 'anonymous';
  return {
    status,
    user: user ? { id: user.userId, username: user.username ?? null } : null,
    login_pending: session?.loginPending ?? false,
    access_token_expires_at: iso(user?.sealed ? user.accessExpiresAt : undefined),
    last_refresh_at: iso(user?.lastRefreshAt),
    consecutive_failures: user?.consecutiveFailures ?? 0,
    session_expires_at: iso(session?.expiresAt),
  };
}
