import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createSessionMcpServer, createSessionTools, toolNames } from './session-mcp-server.js';
import type { ToolDeps } from './tool-deps.js';

// Registration touches no dependency: the callbacks use them only when a tool is called.
const deps = {} as ToolDeps;

async function listTools(server: McpServer) {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'session-tools-test', version: '0.0.0' });
  await client.connect(clientSide);
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
    await server.close();
  }
}

/** What the SDK keeps per registration (private): the callback and input schema each session's server holds. */
const registered = (server: McpServer) =>
  (server as unknown as { _registeredTools: Record<string, { handler: unknown; inputSchema?: unknown }> })._registeredTools;

describe('the tools of a session', () => {
  it('are built once: two sessions register the same callbacks and schemas, each on its own McpServer', () => {
    const tools = createSessionTools(deps);
    const [a, b] = [createSessionMcpServer(tools), createSessionMcpServer(tools)];
    expect(a).not.toBe(b);
    expect(Object.keys(registered(a)).sort()).toEqual([...toolNames].sort());
    for (const name of toolNames) {
      expect(registered(a)[name]!.handler).toBe(registered(b)[name]!.handler);
      expect(registered(a)[name]!.inputSchema).toBe(registered(b)[name]!.inputSchema);
    }
    expect(registered(a).resume!.inputSchema).toBeDefined();
  });

  it('list the same input schema for resume as a raw shape registered per session did', async () => {
    const perSession = new McpServer({ name: 'raw-shape', version: '0.0.0' });
    perSession.registerTool('resume', { description: 'x', inputSchema: { resume_token: z.string().min(16).max(512) } }, () => ({ content: [] }));
    const [raw] = await listTools(perSession);
    const ours = (await listTools(createSessionMcpServer(createSessionTools(deps)))).find((t) => t.name === 'resume');
    expect(ours?.inputSchema).toEqual(raw!.inputSchema);
    expect(ours?.inputSchema).toMatchObject({ properties: { resume_token: { type: 'string', minLength: 16, maxLength: 512 } }, required: ['resume_token'] });
  });
});
