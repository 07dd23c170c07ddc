import { createMcpSessionServer } from '../mcp-server/index.js';
import type { BenchTarget, McpInfo } from './bench-target.js';
import type { ServerSpec } from './server-spec.js';

type ReferenceSpec = Extract<ServerSpec, { kind: 'mcp-reference' }>;

/**
 * The reference MCP session server against a simulator in another process, with its defaults (heartbeat timer on,
 * refreshing every 20 s against 30 s refresh tokens); device polling is fast so logins finish promptly.
 */
export async function createReferenceMcp(spec: ReferenceSpec): Promise<BenchTarget<McpInfo>> {
  const server = await createMcpSessionServer({
    issuer: spec.issuer,
    clientId: spec.client.clientId,
    ...(spec.client.clientSecret ? { clientSecret: spec.client.clientSecret } : {}),
    resourceUrl: spec.resourceUrl,
    devicePollIntervalSeconds: 0.02,
  });
  return { info: { url: server.url }, close: () => server.close() };
}
