import type { ToolCall, ToolDeps } from './tool-deps.js';

/** `login`: starts a device login; the answer carries what to show the user and the resume token. */
export async function loginTool(deps: ToolDeps, call: ToolCall): Promise<Record<string, unknown>> {
  return { ...(await deps.login.start(call.sessionId)) };
}
