import { StreamableHTTPServerTransport, type StreamableHTTPServerTransportOptions } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { releaseJsonStreams } from './release-json-streams.js';

/**
 * The transport of one MCP session: Streamable HTTP answering each POST with plain JSON (no SSE stream per
 * request), with the SDK's stream-mapping leak contained (release-json-streams.ts).
 */
export function createSessionTransport(options: Omit<StreamableHTTPServerTransportOptions, 'enableJsonResponse'>): StreamableHTTPServerTransport {
  const transport = new StreamableHTTPServerTransport({ ...options, enableJsonResponse: true });
  releaseJsonStreams(transport);
  return transport;
}
