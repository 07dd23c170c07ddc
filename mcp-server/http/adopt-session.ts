import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface TransportInternals {
  _webStandardTransport?: { _initialized?: unknown; sessionId?: string };
}

/**
 * Makes a new transport serve a session that was initialised before a restart or on another replica (seed 003).
 * The SDK keeps "initialised" and the session id inside the transport and offers no public way to set them, so this
 * one function reaches in, and refuses loudly if an SDK update moved them (the restart test catches that).
 */
export function adoptSession(transport: StreamableHTTPServerTransport, sessionId: string): void {
  const inner = (transport as unknown as TransportInternals)._webStandardTransport;
  if (!inner || typeof inner._initialized !== 'boolean') {
    throw new Error('this MCP SDK version does not let a transport resume a stored session (transport internals changed)');
  }
  inner._initialized = true;
  inner.sessionId = sessionId;
}
