import { withAccessToken } from './access-token.js';
import type { ToolCall, ToolDeps } from './tool-deps.js';

/** `whoami`: the session's user as the provider sees it (userinfo with that user's access token). */
export async function whoamiTool(deps: ToolDeps, call: ToolCall): Promise<Record<string, unknown>> {
  return { user: await withAccessToken(deps, call, (token) => deps.ctx.provider.userinfo(token)) };
}
