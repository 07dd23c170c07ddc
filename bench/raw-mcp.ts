import { Pool } from 'undici';

const PROTOCOL_VERSION = '2025-06-18';
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export interface RawAnswer {
  status: number;
  /** The JSON-RPC response, when the server sent one. */
  body?: { result?: unknown; error?: { code: number; message: string } };
  sessionId?: string;
}

export interface ToolAnswer {
  ok: boolean;
  body: Record<string, unknown>;
}

/**
 * MCP over Streamable HTTP as bare JSON-RPC on a small undici pool: a session is only its mcp-session-id header,
 * so ten thousand sessions cost the load generator a string each, not an SDK client and transport each.
 * Expects JSON responses (the reference and bare servers both answer with enableJsonResponse).
 */
export class RawMcp {
  readonly #pool: Pool;
  readonly #path: string;
  #id = 0;

  constructor(url: string, connections: number) {
    const u = new URL(url);
    this.#pool = new Pool(u.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
    this.#path = u.pathname;
  }

  async #post(message: Record<string, unknown>, sessionId?: string): Promise<RawAnswer> {
    const headers: Record<string, string> = sessionId ? { ...HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION } : HEADERS;
    const res = await this.#pool.request({ path: this.#path, method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...message }) });
    const text = await res.body.text();
    const sid = res.headers['mcp-session-id'];
    return {
      status: res.statusCode,
      ...(text ? { body: JSON.parse(text) as RawAnswer['body'] } : {}),
      ...(typeof sid === 'string' ? { sessionId: sid } : {}),
    };
  }

  /** initialize + notifications/initialized; resolves with the new session's id. */
  async open(): Promise<string> {
    const init = await this.#post({
      id: ++this.#id,
      method: 'initialize',
      params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench-raw', version: '0.0.0' } },
    });
    if (init.status !== 200 || !init.sessionId || init.body?.error) throw new Error(`bench: initialize answered ${init.status} ${JSON.stringify(init.body?.error ?? {})}`);
    const ack = await this.#post({ method: 'notifications/initialized' }, init.sessionId);
    if (ack.status !== 202 && ack.status !== 200) throw new Error(`bench: notifications/initialized answered ${ack.status}`);
    return init.sessionId;
  }

  /** A tool call; a tool error is an answer (ok false), an HTTP or JSON-RPC error throws. */
  async callTool(sessionId: string, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
    const res = await this.#post({ id: ++this.#id, method: 'tools/call', params: { name, arguments: args } }, sessionId);
    if (res.status !== 200 || !res.body || res.body.error) throw new Error(`bench: ${name} answered ${res.status} ${JSON.stringify(res.body?.error ?? {})}`);
    const result = res.body.result as { isError?: boolean; content?: Array<{ text?: string }> };
    return { ok: result.isError !== true, body: JSON.parse(result.content?.[0]?.text ?? '{}') as Record<string, unknown> };
  }

  /** Ends a session with the HTTP DELETE the transport expects; false when the server did not know it. */
  async closeSession(sessionId: string): Promise<boolean> {
    const res = await this.#pool.request({ path: this.#path, method: 'DELETE', headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION } });
    await res.body.dump();
    return res.statusCode === 200;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
