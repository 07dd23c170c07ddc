import { resumeTokenExpiry } from '../tokens/resume-token.js';
import { secretDigest } from '../tokens/token-hash.js';
import type { ToolCall, ToolDeps } from './tool-deps.js';
import { InvalidResumeTokenError } from './tool-errors.js';

/**
 * `resume` (seed 000, DESIGN "reconnect needs proof"): a new session attaches to an already logged-in user by
 * presenting the resume token login returned. Nobody attaches to a user by naming it.
 */
export async function resumeTool(deps: ToolDeps, call: ToolCall<{ resume_token: string }>): Promise<Record<string, unknown>> {
  // Issue 13: a resume token lives no longer than a session may (defaults.ts, sessions.absoluteLifetimeSeconds).
  const expiresAt = resumeTokenExpiry(call.args.resume_token);
  if (expiresAt === undefined || deps.ctx.now() >= expiresAt) throw new InvalidResumeTokenError();
  const user = await deps.ctx.store.findUserByResumeHash(secretDigest(call.args.resume_token));
  if (!user || (await deps.activator.activate(call.sessionId, user.userId, 'resume')) !== 'activated') throw new InvalidResumeTokenError();
  // The user as it is once attached, not as first read: a refresh that failed meanwhile (the user needs to log in
  // again) must show, never a stale 'authenticated' (found by explore: wide, seed 47, a heartbeat round while the
  // resume's activation was held).
  const now = await deps.ctx.store.getUser(user.userId);
  return { status: now?.status ?? 'logged_out', user: { id: user.userId, username: user.username ?? null } };
}
