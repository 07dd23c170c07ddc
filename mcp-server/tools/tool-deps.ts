import type { DeviceLogin } from '../login/device-login.js';
import type { Logout } from '../logout/logout.js';
import type { ServerContext } from '../server-context.js';
import type { SessionActivator } from '../sessions/session-activator.js';
import type { SessionResolver } from '../sessions/session-resolver.js';
import type { Refresher } from '../tokens/refresh-once.js';

/** What the tools are built from; the flaw switchboard decides which strategy sits behind each field. */
export interface ToolDeps {
  ctx: ServerContext;
  resolver: SessionResolver;
  refresher: Refresher;
  activator: SessionActivator;
  login: DeviceLogin;
  logout: Logout;
}

/** One tool call: its session, the user that session resolved to when the call arrived, its arguments. */
export interface ToolCall<A = Record<string, never>> {
  sessionId: string;
  userId: string | undefined;
  args: A;
}
