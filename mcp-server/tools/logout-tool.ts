import type { ToolCall, ToolDeps } from './tool-deps.js';

/** `logout`: revokes at the provider and forgets the user's tokens; a second call succeeds too. */
export async function logoutTool(deps: ToolDeps, call: ToolCall): Promise<Record<string, unknown>> {
  return { ...(await deps.logout(call.sessionId)) };
}
