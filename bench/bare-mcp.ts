import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { BenchTarget, McpInfo } from './bench-target.js';

const PATH = '/mcp';

/**
 * The bare MCP SDK's stateful Streamable HTTP pattern (one McpServer and transport per session, JSON responses)
 * with one tool, `session_status`, answering a fixed status: no login, no store, no provider, no upstream call.
 */
export async function createBareMcp(): Promise<BenchTarget<McpInfo>> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const server = createServer(async (req, res) => {
    try {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== PATH) return void res.writeHead(404).end();
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const id = req.headers['mcp-session-id'];
      const existing = typeof id === 'string' ? transports.get(id) : undefined;
      if (existing) return await existing.handleRequest(req, res, body);
      if (id || !isInitializeRequest(body)) return void res.writeHead(id ? 404 : 400).end();
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        enableJsonResponse: true,
        onsessioninitialized: (sid) => void transports.set(sid, transport),
        onsessionclosed: (sid) => void transports.delete(sid),
      });
      await sessionServer().connect(transport);
      await transport.handleRequest(req, res, body);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    info: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}` },
    close: async () => {
      await Promise.all([...transports.values()].map((t) => t.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sessionServer(): McpServer {
  const mcp = new McpServer({ name: 'bench-bare-sdk', version: '0.0.0' }, { capabilities: { tools: {} } });
  mcp.registerTool('session_status', { description: 'A fixed status; the baseline for the reference server\'s session_status.' }, (extra) => ({
    content: [{ type: 'text', text: JSON.stringify({ status: 'authenticated', session: extra.sessionId ?? null, consecutive_failures: 0 }) }],
  }));
  return mcp;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}
