import { McpServer, type ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { z } from 'zod';
import * as zm from 'zod/v4-mini';
import { ProviderError } from '../provider/provider-errors.js';
import { getProfileTool } from './get-profile-tool.js';
import { loginTool } from './login-tool.js';
import { logoutTool } from './logout-tool.js';
import { resumeTool } from './resume-tool.js';
import { sessionStatusTool } from './session-status-tool.js';
import type { ToolCall, ToolDeps } from './tool-deps.js';
import { StoreUnavailableError } from '../store/sql-driver.js';
import { NotAuthenticatedError, StoreUnavailableToolError, ToolError, toolErrorFrom } from './tool-errors.js';
import { errorResult, okResult } from './tool-result.js';
import { whoamiTool } from './whoami-tool.js';

/** The tool set; also the contract the harness expects from any server it tests. */
export const toolNames = ['login', 'session_status', 'whoami', 'get_profile', 'resume', 'logout'] as const;
export type ToolName = (typeof toolNames)[number];

type Handler<A> = (deps: ToolDeps, call: ToolCall<A>) => Promise<Record<string, unknown>>;

const SERVER_INFO = { name: 'oidc-session-harness-reference', version: '0.1.0' };
/**
 * An object schema, not a raw shape: the SDK turns a raw shape into a new object schema for every registration
 * (every session) and again on every call and listing. This is the object it would build (zod mini, see
 * objectFromShape in the SDK's zod-compat), built once.
 */
const RESUME_INPUT = zm.object({ resume_token: z.string().min(16).max(512) });

/**
 * The SDK gives every Server its own Ajv (with every format compiled in: tens of KB and milliseconds) unless it is
 * handed one; its only use on a server is elicitation, which these tools never ask for. One for every session,
 * made on first use.
 */
let ajv: AjvJsonSchemaValidator | undefined;
const sharedValidator: jsonSchemaValidator = { getValidator: (schema) => (ajv ??= new AjvJsonSchemaValidator()).getValidator(schema) };

/** One tool of the server: its definition and callback are built once, then registered on every session's server. */
interface SessionTool {
  name: ToolName;
  register(server: McpServer): void;
}

/** The tools of the reference server, built once from what they share (`deps`); every session registers these. */
export type SessionTools = readonly SessionTool[];

export function createSessionTools(deps: ToolDeps): SessionTools {
  // A tool's work is its request's strand until it settles, even if the request's answer was cut short meanwhile.
  const run = async <A>(tool: ToolName, handler: Handler<A>, args: A, sessionId: string | undefined): Promise<CallToolResult> => {
    const alive = deps.ctx.activity.keepAlive();
    try {
      return await runTool(tool, handler, args, sessionId);
    } finally {
      alive();
    }
  };
  const runTool = async <A>(tool: ToolName, handler: Handler<A>, args: A, sessionId: string | undefined): Promise<CallToolResult> => {
    const userId = sessionId ? await deps.resolver.userOf(sessionId) : undefined;
    const record = (ok: boolean, error?: string) =>
      deps.ctx.events.record({ type: 'tool.called', tool, ...(sessionId ? { sessionId } : {}), ...(userId ? { userId } : {}), ok, ...(error ? { error } : {}) });
    try {
      if (!sessionId) throw new NotAuthenticatedError('no MCP session');
      const payload = await handler(deps, { sessionId, userId, args });
      record(true);
      return okResult(payload);
    } catch (err) {
      const failure =
        err instanceof ToolError ? err : err instanceof ProviderError ? toolErrorFrom(err) : err instanceof StoreUnavailableError ? new StoreUnavailableToolError(err.message) : undefined;
      if (!failure) {
        deps.ctx.events.record({ type: 'server.error', where: `tool ${tool}`, message: (err as Error).message });
        throw err;
      }
      record(false, failure.code);
      return errorResult(failure);
    }
  };
  const noArgs = (name: ToolName, description: string, handler: Handler<Record<string, never>>): SessionTool => {
    const config = { description };
    const callback: ToolCallback = (extra) => run(name, handler, {}, extra.sessionId);
    return { name, register: (server) => void server.registerTool(name, config, callback) };
  };
  const resumeConfig = { description: 'Attach this session to an already logged-in user with the resume_token that login returned.', inputSchema: RESUME_INPUT };
  const resume: ToolCallback<typeof RESUME_INPUT> = (args, extra) => run('resume', resumeTool, args, extra.sessionId);

  return Object.freeze([
    noArgs('login', 'Start a device login: open verification_uri_complete (or enter user_code) to approve. Keep resume_token to reconnect.', loginTool),
    noArgs('session_status', "This session's authentication state: pending, authenticated, needs_reauth, logged_out or anonymous.", sessionStatusTool),
    noArgs('whoami', "The session's user as the identity provider's userinfo endpoint describes it.", whoamiTool),
    noArgs('get_profile', "The session's user's profile from the protected resource API.", getProfileTool),
    { name: 'resume', register: (server) => void server.registerTool('resume', resumeConfig, resume) },
    noArgs('logout', "Log the session's user out: revoke at the provider and forget the tokens. Safe to repeat.", logoutTool),
  ]);
}

/**
 * One McpServer per MCP session (the SDK's protocol state is per connection; the tools' state lives in the store),
 * registering the server's shared tools: a session holds only what the SDK keeps per registration.
 */
export function createSessionMcpServer(tools: SessionTools): McpServer {
  const server = new McpServer(SERVER_INFO, { capabilities: { tools: {} }, jsonSchemaValidator: sharedValidator });
  for (const tool of tools) tool.register(server);
  return server;
}
