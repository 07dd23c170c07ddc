import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ServerContext } from '../server-context.js';
import { StoreUnavailableError } from '../store/sql-driver.js';
import type { SessionLifecycle } from '../sessions/session-lifecycle.js';
import { createSessionMcpServer, createSessionTools } from '../tools/session-mcp-server.js';
import type { ToolDeps } from '../tools/tool-deps.js';
import { adoptSession } from './adopt-session.js';
import { checkHostAndOrigin } from './host-guard.js';
import { readJsonBody } from './read-json-body.js';
import { createSessionTransport } from './session-transport.js';
import { BadRequestError, HttpRpcError, MethodNotAllowedError, NotFoundPathError, SessionNotFoundError, TooManySessionsError } from './rpc-errors.js';

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
  const restoring = new Map<string, Promise<StreamableHTTPServerTransport>>();
  // Built once: every session's McpServer registers these same definitions and callbacks.
  const sessionTools = createSessionTools(tools);

  const closeTransport = async (sessionId: string) => {
    const transport = transports.get(sessionId);
    transports.delete(sessionId);
    await transport?.close();
  };

  const watchClose = (transport: StreamableHTTPServerTransport) => {
    transport.onclose = () => {
      const id = transport.sessionId;
      if (!id || transports.get(id) !== transport) return;
      transports.delete(id);
      void ctx.tasks.track(ctx.activity.run({ via: 'close', sessionId: id }, () => lifecycle.close(id, 'transport-closed')));
    };
  };

  // Initializes admitted but not yet in the store: counted too, so a burst cannot overshoot the limit.
  let admitting = 0;
  const admit = async <T>(work: () => Promise<T>): Promise<T> => {
    admitting++;
    try {
      const { maxSessions, reapIntervalMs } = ctx.config.sessions;
      if ((await ctx.store.counts()).sessions + admitting > maxSessions) throw new TooManySessionsError(maxSessions, Math.max(1, Math.ceil(reapIntervalMs / 1000)));
      return await work();
    } finally {
      admitting--;
    }
  };

  const initialize = async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const server = createSessionMcpServer(sessionTools);
    const transport: StreamableHTTPServerTransport = createSessionTransport({
      sessionIdGenerator: newSessionId,
      onsessioninitialized: async (id) => {
        transports.set(id, transport);
        await lifecycle.open(id);
      },
      onsessionclosed: (id) => lifecycle.close(id, 'deleted'),
    });
    watchClose(transport);
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    if (!transport.sessionId) await server.close();
  };

  /**
   * A session the store knows but this process has no transport for: opened before a restart, or on another
   * replica sharing the store (seed 003). The client keeps its session id and carries on; it is not asked to
   * initialise again.
   */
  const restore = (sessionId: string) => {
    const pending = restoring.get(sessionId);
    if (pending) return pending;
    const created = (async () => {
      const server = createSessionMcpServer(sessionTools);
      const transport = createSessionTransport({
        sessionIdGenerator: () => sessionId,
        onsessionclosed: (id) => lifecycle.close(id, 'deleted'),
      });
      adoptSession(transport, sessionId);
      watchClose(transport);
      await server.connect(transport);
      transports.set(sessionId, transport);
      ctx.events.record({ type: 'session.restored', sessionId });
      return transport;
    })().finally(() => restoring.delete(sessionId));
    restoring.set(sessionId, created);
    return created;
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    checkHostAndOrigin(req, port());
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== ctx.config.path) throw new NotFoundPathError(ctx.config.path);
    // No GET stream: the reference server never sends a message on its own (no notifications, no requests), so a
    // stream per session would carry nothing, yet hold a connection and a web stream open for the session's life, and
    // each window's close would tear down its socket (issue 18). Spec-allowed: clients go on without one on a 405.
    if (req.method !== 'POST' && req.method !== 'DELETE') throw new MethodNotAllowedError(req.method ?? '');
    const body = req.method === 'POST' ? await readJsonBody(req, ctx.config.maxBodyBytes) : undefined;
    const header = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (!sessionId) {
      if (req.method === 'POST' && isInitializeRequest(body)) return admit(() => initialize(req, res, body));
      throw new BadRequestError('no mcp-session-id header; send an initialize request first');
    }
    const session = await ctx.store.getSession(sessionId);
    if (!session) {
      if (transports.has(sessionId)) await closeTransport(sessionId);
      throw new SessionNotFoundError();
    }
    const expired = lifecycle.expiry(session);
    if (expired) {
      await lifecycle.close(sessionId, expired);
      await closeTransport(sessionId);
      throw new SessionNotFoundError(expired === 'idle' ? 'idle too long' : 'expired');
    }
    await ctx.store.updateSession(sessionId, (s) => ({ ...s, lastSeenAt: ctx.now() }));
    const transport = transports.get(sessionId) ?? (await restore(sessionId));
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
        if (err instanceof StoreUnavailableError) {
          // Seed 003: a database that went away is a clear, retryable answer, not an internal error.
          ctx.events.record({ type: 'server.error', where: 'store', message: err.message });
          return new HttpRpcError(503, -32000, 'Service unavailable: the session store cannot be reached; try again shortly').send(res);
        }
        ctx.events.record({ type: 'server.error', where: 'http', message: (err as Error).message });
        new HttpRpcError(500, -32603, 'Internal server error').send(res);
      }
    },
    closeTransport,
    async closeAll() {
      for (const id of [...transports.keys()]) {
        // A durable store keeps the session for the next start or another replica (seed 003); only the transport ends.
        if (!ctx.store.durable) await lifecycle.close(id, 'server-closed');
        await closeTransport(id);
      }
    },
  };
}
