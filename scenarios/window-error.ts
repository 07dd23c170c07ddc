import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** A window could not do `operation` against the server at `url`; `cause` is what the network or the SDK said. */
export class WindowError extends Error {
  override name = 'WindowError';
  constructor(
    readonly window: string,
    readonly operation: string,
    readonly url: string,
    cause: unknown,
  ) {
    super(`window ${window}: ${operation} ${url} failed`, { cause });
  }
}

/**
 * Whether an error is the target's doing (it refused, reset or never answered the connection, answered with an
 * HTTP error, or broke the MCP protocol) rather than a bug of the harness. The first is a failed outcome that the
 * invariants judge; the second stays an exception, reported as a harness error.
 */
export function isTargetFailure(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = err; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (e instanceof McpError || e instanceof StreamableHTTPError) return true;
    const code = (e as { code?: unknown }).code;
    // Node's errno codes (ECONNRESET, ECONNREFUSED, EPIPE, ...) and undici's (UND_ERR_SOCKET, UND_ERR_HEADERS_TIMEOUT, ...).
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return true;
    if (e instanceof Error && e.name === 'AbortError') return true;
  }
  return false;
}
