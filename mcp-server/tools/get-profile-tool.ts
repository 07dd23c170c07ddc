import { withAccessToken } from './access-token.js';
import type { ToolCall, ToolDeps } from './tool-deps.js';

/** `get_profile`: what the resource API answers for the session's user's access token. */
export async function getProfileTool(deps: ToolDeps, call: ToolCall): Promise<Record<string, unknown>> {
  return { profile: await withAccessToken(deps, call, (token) => deps.ctx.provider.resource(token)) };
}
