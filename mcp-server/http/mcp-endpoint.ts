import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ServerContext } from '../server-context.js';
import type { SessionLifecycle } from '../sessions/session-lifecycle.js';
import { createSessionMcpServer } from '../tools/session-mcp-server.js';
import type { ToolDeps } from '../tools/tool-deps.js';
import { checkHostAndOrigin } from './host-guard.js';
import { readJsonBody } from './read-json-body.js';
import { BadRequestError, HttpRpcError, MethodNotAllowedError, NotFoundPathError, SessionNotFoundError } from './rpc-errors.js';

export interface McpEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  closeTransport(sessionId: string): Promise<void>;
  /** Closes every session (reason server-closed) and its transport. */
  closeAll(): Promise<void>;
}

/** Seed 004: session ids come from a CSPRNG (192 bits), never from a counter or the clock. */
const newSessionId = () => randomBytes(24).toString('base64url');

/** The Streamable HTTP endpoint: one transport and one McpServer per session, routed by the mcp-session-id header. */
export function createMcpEndpoint(ctx: ServerContext, lifecycle: SessionLifecycle, tools: ToolDeps, port: () => number): McpEndpoint {
  const transports = new Map<string, StreamableHTTPServerTransport>();

  const closeTransport = async (sessionId: string) => {
    const transport = transports.get(sessionId);
    transports.delete(sessionId);
    await transport?.close();
  };

  const initialize = async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const server = createSessionMcpServer(tools);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: newSessionId,
      enableJsonResponse: true,
      onsessioninitialized: async (id) => {
        transports.set(id, transport);
        await lifecycle.open(id);
      },
      onsessionclosed: (id) => lifecycle.close(id, 'deleted'),
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (!id || transports.get(id) !== transport) return;
      transports.delete(id);
      void ctx.tasks.track(lifecycle.close(id, 'transport-closed'));
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    if (!transport.sessionId) await server.close();
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    checkHostAndOrigin(req, port());
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== ctx.config.path) throw new NotFoundPathError(ctx.config.path);
    if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'DELETE') throw new MethodNotAllowedError();
    const body = req.method === 'POST' ? await readJsonBody(req, ctx.config.maxBodyBytes) : undefined;
    const header = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (!sessionId) {
      if (req.method === 'POST' && isInitializeRequest(body)) return initialize(req, res, body);
      throw new BadRequestError('no mcp-session-id header; send an initialize request first');
    }
    const transport = transports.get(sessionId);
    const session = transport && (await ctx.store.getSession(sessionId));
    if (!transport || !session) {
      if (transport) await closeTransport(sessionId);
      throw new SessionNotFoundError();
    }
    const expired = lifecycle.expiry(session);
    if (expired) {
      await lifecycle.close(sessionId, expired);
      await closeTransport(sessionId);
      throw new SessionNotFoundError(expired === 'idle' ? 'idle too long' : 'expired');
    }
    await ctx.store.updateSession(sessionId, (s) => ({ ...s, lastSeenAt: ctx.now() }));
    await transport.handleRequest(req, res, body);
  };

  return {
    async handle(req, res) {
      // Seed 002: answers carry user data; no browser or proxy may keep a copy.
      res.setHeader('Cache-Control', 'no-store');
      try {
        await route(req, res);
      } catch (err) {
        if (err instanceof HttpRpcError) {
          ctx.events.record({ type: 'request.rejected', status: err.status, reason: err.message });
          return err.send(res);
        }
        ctx.events.record({ type: 'server.error', where: 'http', message: (err as Error).message });
        new HttpRpcError(500, -32603, 'Internal server error').send(res);
      }
    },
    closeTransport,
    async closeAll() {
      for (const id of [...transports.keys()]) {
        await lifecycle.close(id, 'server-closed');
        await closeTransport(id);
      }
    },
  };
}
