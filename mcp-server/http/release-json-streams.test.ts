import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createSessionTransport } from './session-transport.js';

const CALLS = 6;
const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Entries of the SDK's stream map still waiting to hand out a JSON answer, or kept after handing it out. */
const jsonEntries = (transport: StreamableHTTPServerTransport) => {
  const map = (transport as unknown as { _webStandardTransport: { _streamMapping: Map<string, { resolveJson?: unknown }> } })._webStandardTransport._streamMapping;
  return [...map.values()].filter((entry) => typeof entry.resolveJson === 'function').length;
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/** One MCP session over real HTTP on `transport`, and a real SDK client that has called `echo` CALLS times. */
async function sessionAfterCalls(transport: StreamableHTTPServerTransport): Promise<string[]> {
  const mcp = new McpServer({ name: 'leak-test', version: '0.0.0' });
  mcp.registerTool('echo', { description: 'answers its call number' }, () => ({ content: [{ type: 'text', text: 'ok' }] }));
  await mcp.connect(transport);
  const http: Server = createServer(async (req, res) => transport.handleRequest(req, res, req.method === 'POST' ? await readJson(req) : undefined));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise((resolve) => (http.closeAllConnections(), http.close(resolve))) }, mcp);
  const client = new Client({ name: 'leak-test-client', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`)));
  open.unshift(client);
  const answers: string[] = [];
  for (let i = 0; i < CALLS; i++) {
    const result = await client.callTool({ name: 'echo', arguments: {} });
    answers.push((result.content as Array<{ text: string }>)[0]!.text);
  }
  return answers;
}

describe('the MCP SDK stream-mapping leak in JSON-response mode (typescript-sdk #2559)', () => {
  it('is still in the SDK: a plain transport keeps an entry per answered POST (when this fails, the fix shipped: remove releaseJsonStreams)', async () => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => 'plain-session', enableJsonResponse: true });
    await sessionAfterCalls(transport);
    expect(jsonEntries(transport)).toBeGreaterThanOrEqual(CALLS);
  });

  it('is contained in every session transport of the reference server: no answered POST stays mapped, every call is answered', async () => {
    const transport = createSessionTransport({ sessionIdGenerator: () => 'contained-session' });
    expect(await sessionAfterCalls(transport)).toEqual(Array.from({ length: CALLS }, () => 'ok'));
    expect(jsonEntries(transport)).toBe(0);
  });
});
