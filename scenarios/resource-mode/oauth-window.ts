import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { History } from '../history.js';
import { sessionHash } from '../session-hash.js';
import { readToolResult, type ToolOutcome } from '../tool-result.js';
import type { SharedTokenStore } from './shared-token-store.js';
import { WindowAuthProvider } from './window-auth-provider.js';

export interface OAuthWindowHost {
  history: History;
  serverUrl: string;
  /** Plays `user` at the authorization URL; resolves with the code. */
  authorize(url: URL, user: string): Promise<string>;
  /** The username behind a token subject, for answers that carry only `sub`. */
  usernameOfSub(sub: string): string | undefined;
}

export interface OAuthWindowOptions {
  /** Ask the authorization server for a token for this resource instead of the server's own (a confused client). */
  resourceOverride?: string;
  /** What the scenario expects of the login: `refused` for a window the server must turn away. */
  expect?: 'ok' | 'refused';
}

/**
 * A window as an MCP client built to the MCP authorization spec: the SDK's own OAuth client (discovery through
 * protected-resource metadata, dynamic registration, PKCE, `resource`, a Bearer token on every request, refresh on
 * 401), its tokens in the user's shared store, its consent given browserless at the simulator.
 */
export class OAuthWindow {
  #client: Client | undefined;
  #transport: StreamableHTTPClientTransport | undefined;

  constructor(
    readonly name: string,
    readonly user: string,
    readonly store: SharedTokenStore,
    private readonly host: OAuthWindowHost,
    private readonly options: OAuthWindowOptions = {},
  ) {}

  get sessionId(): string | undefined {
    return this.#transport?.sessionId;
  }

  /** The window's current access token (for probes that replay it; never recorded). */
  get accessToken(): string | undefined {
    return this.store.tokens?.access_token;
  }

  /** Connects as `user`: logs in through the SDK's OAuth flow unless the shared store already has tokens. */
  async login(): Promise<ToolOutcome> {
    const expect = this.options.expect ?? 'ok';
    const note = { loginAs: this.user, expect, ...(this.options.resourceOverride ? { foreignAudience: this.options.resourceOverride } : {}) };
    const op = this.host.history.nextOp();
    this.#record('call', { tool: 'login', ...note }, op);
    let outcome: ToolOutcome;
    try {
      await this.#connect();
      outcome = { ok: true };
    } catch (err) {
      outcome = failure(err);
    }
    this.#record('result', { tool: 'login', ...note, ...facts(outcome) }, op);
    return outcome;
  }

  getProfile(): Promise<ToolOutcome> {
    return this.call('get_profile');
  }

  whoami(): Promise<ToolOutcome> {
    return this.call('whoami');
  }

  async call(tool: string): Promise<ToolOutcome> {
    const op = this.host.history.nextOp();
    this.#record('call', { tool }, op);
    let outcome: ToolOutcome;
    try {
      if (!this.#client) throw new Error('the window is not connected');
      outcome = this.#withSubject(readToolResult((await this.#client.callTool({ name: tool, arguments: {} })) as { content?: unknown; isError?: unknown }));
    } catch (err) {
      outcome = failure(err);
    }
    this.#record('result', { tool, ...facts(outcome) }, op);
    return outcome;
  }

  /**
   * A hostile or stale request the SDK would never send: `tool` on `sessionId` with `token` (or none), as raw
   * JSON-RPC. Recorded as `probe` / `probe.result` with what it presented, so invariants can judge the answer.
   */
  async probe(tool: string, { token, sessionId, note }: { token: string | undefined; sessionId: string | undefined; note: Record<string, unknown> }): Promise<ToolOutcome & { httpStatus?: number }> {
    const op = this.host.history.nextOp();
    this.#record('probe', { tool, ...note }, op, sessionId);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (sessionId) headers['mcp-session-id'] = sessionId;
    let outcome: ToolOutcome & { httpStatus?: number };
    try {
      const res = await fetch(this.host.serverUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: op, method: 'tools/call', params: { name: tool, arguments: {} } }) });
      const text = await res.text();
      if (!res.ok) outcome = { ok: false, error: `http_${res.status}`, httpStatus: res.status };
      else {
        const message = parseRpc(text);
        outcome = message?.result
          ? { ...this.#withSubject(readToolResult(message.result)), httpStatus: res.status }
          : { ok: false, error: message?.error ? `rpc_${message.error.code}` : 'unreadable', message: message?.error?.message, httpStatus: res.status };
      }
    } catch (err) {
      outcome = failure(err);
    }
    this.#record('probe.result', { tool, ...note, ...facts(outcome), ...(outcome.httpStatus ? { httpStatus: outcome.httpStatus } : {}) }, op, sessionId);
    return outcome;
  }

  async close(): Promise<void> {
    await this.#client?.close().catch(() => undefined);
    this.#client = undefined;
  }

  async #connect(): Promise<void> {
    const provider = new WindowAuthProvider({
      store: this.store,
      authorize: (url) => this.host.authorize(url, this.user),
      ...(this.options.resourceOverride ? { resourceOverride: this.options.resourceOverride } : {}),
    });
    // At most one authorization: a second UnauthorizedError means the server refused what the login produced.
    for (let attempt = 0; attempt < 2; attempt++) {
      const transport = new StreamableHTTPClientTransport(new URL(this.host.serverUrl), { authProvider: provider, fetch: this.store.fetch });
      const client = new Client({ name: `oidc-harness window ${this.name}`, version: '1.0.0' });
      try {
        await client.connect(transport);
        this.#client = client;
        this.#transport = transport;
        return;
      } catch (err) {
        await client.close().catch(() => undefined);
        if (!(err instanceof UnauthorizedError) || !provider.code || attempt > 0) throw err;
        const code = provider.code;
        provider.code = undefined;
        await transport.finishAuth(code);
      }
    }
  }

  #withSubject(outcome: ToolOutcome): ToolOutcome {
    if (outcome.dataUser || typeof outcome.data?.sub !== 'string') return outcome;
    const user = this.host.usernameOfSub(outcome.data.sub);
    return user ? { ...outcome, dataUser: user } : outcome;
  }

  #record(type: string, detail: Record<string, unknown>, op?: number, rawSessionId = this.sessionId) {
    this.host.history.add({ source: { kind: 'window', window: this.name }, type, op, user: this.user, sessionId: rawSessionId && sessionHash(rawSessionId), detail });
  }
}

/** Only what may enter the history: never the payload (it may carry tokens). */
function facts(o: ToolOutcome): Record<string, unknown> {
  return { ok: o.ok, ...(o.error ? { error: o.error } : {}), ...(o.message ? { message: o.message } : {}), ...(o.dataUser ? { dataUser: o.dataUser } : {}) };
}

function failure(err: unknown): ToolOutcome & { httpStatus?: number } {
  const e = err as Error & { code?: number };
  const status = typeof e.code === 'number' && e.code >= 400 && e.code < 600 ? e.code : undefined;
  const error = err instanceof UnauthorizedError ? 'unauthorized' : status ? `http_${status}` : 'transport_error';
  return { ok: false, error, message: redact(String(e.message ?? err)).slice(0, 200), ...(status ? { httpStatus: status } : {}) };
}

function redact(text: string): string {
  return text.replace(/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted jwt]').replace(/\b(Bearer)\s+\S+/gi, '$1 [redacted]');
}

function parseRpc(text: string): { result?: { content?: unknown; isError?: unknown }; error?: { code: number; message: string } } | undefined {
  const candidates = text.trimStart().startsWith('{') ? [text] : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5));
  for (const c of candidates) {
    try {
      const m = JSON.parse(c);
      if (m && (m.result || m.error)) return m;
    } catch {
      // not JSON: the next line may be
    }
  }
  return undefined;
}
