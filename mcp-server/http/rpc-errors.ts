import type { ServerResponse } from 'node:http';

/**
 * HTTP-level refusals, answered as JSON-RPC error objects (what the SDK's transport itself sends), each with its
 * status. The message is for the client; nothing in it comes from a token.
 */
export class HttpRpcError extends Error {
  override name = 'HttpRpcError';
  constructor(
    readonly status: number,
    readonly rpcCode: number,
    message: string,
  ) {
    super(message);
  }

  /** Extra response headers (Retry-After, ...). */
  protected headers(): Record<string, string> {
    return {};
  }

  send(res: ServerResponse): void {
    if (res.headersSent) return void res.end();
    res.writeHead(this.status, { 'content-type': 'application/json', ...this.headers() });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: this.rpcCode, message: this.message }, id: null }));
  }
}

export class ParseError extends HttpRpcError {
  override name = 'ParseError';
  constructor(detail: string) {
    super(400, -32700, `Parse error: ${detail}`);
  }
}

export class BadRequestError extends HttpRpcError {
  override name = 'BadRequestError';
  constructor(message: string) {
    super(400, -32000, `Bad Request: ${message}`);
  }
}

/** Unknown, closed, idle-reaped or expired session: the client must initialize a new one (and may resume). */
export class SessionNotFoundError extends HttpRpcError {
  override name = 'SessionNotFoundError';
  constructor(why = 'unknown or closed') {
    super(404, -32001, `Session not found (${why}); initialize a new session`);
  }
}

export class ForbiddenOriginError extends HttpRpcError {
  override name = 'ForbiddenOriginError';
  constructor(what: string) {
    super(403, -32000, `Forbidden: ${what} is not allowed for a local MCP server`);
  }
}

export class PayloadTooLargeError extends HttpRpcError {
  override name = 'PayloadTooLargeError';
  constructor(limit: number) {
    super(413, -32000, `Payload too large: the limit is ${limit} bytes`);
  }
}

/**
 * A method the endpoint does not serve: anything but POST and DELETE. A GET is the stream a client may open for
 * messages the server sends on its own; the spec lets a server without one answer 405 (`Allow` says what it serves).
 */
export class MethodNotAllowedError extends HttpRpcError {
  override name = 'MethodNotAllowedError';
  constructor(method: string) {
    super(405, -32000, method === 'GET' ? 'Method not allowed: this server sends nothing on its own, so it offers no GET stream; use POST or DELETE' : 'Method not allowed: use POST or DELETE');
  }

  protected override headers(): Record<string, string> {
    return { allow: 'POST, DELETE' };
  }
}

export class NotFoundPathError extends HttpRpcError {
  override name = 'NotFoundPathError';
  constructor(path: string) {
    super(404, -32000, `Not found: the MCP endpoint is ${path}`);
  }
}

/** The configured maximum of sessions is reached: try again once idle ones have been reaped. */
export class TooManySessionsError extends HttpRpcError {
  override name = 'TooManySessionsError';
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(503, -32000, `Service unavailable: the server holds its maximum of ${limit} sessions (sessions.maxSessions); try again in ${retryAfterSeconds} s`);
  }

  protected override headers(): Record<string, string> {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}
