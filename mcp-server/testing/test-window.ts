import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpSessionServer } from '../mcp-session-server.js';
import type { ServerEvent } from '../server-events.js';
import type { ProviderUnderTest } from './test-server.js';

export interface ToolAnswer {
  isError: boolean;
  body: Record<string, any>;
}

/** One browser window: its own MCP session over real Streamable HTTP, with the real SDK client. */
export class TestWindow {
  /** Kept from the start: the SDK forgets it once the session is terminated. */
  readonly sessionId: string;

  private constructor(
    readonly client: Client,
    readonly transport: StreamableHTTPClientTransport,
  ) {
    this.sessionId = transport.sessionId!;
  }

  static async open(server: Pick<McpSessionServer, 'url'>): Promise<TestWindow> {
    const client = new Client({ name: 'test-window', version: '0.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(server.url));
    await client.connect(transport);
    return new TestWindow(client, transport);
  }

  async call(tool: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
    const result = await this.client.callTool({ name: tool, arguments: args });
    const content = result.content as Array<{ type: string; text?: string }>;
    const text = content[0]?.text ?? '{}';
    let body: Record<string, any>;
    try {
      body = JSON.parse(text);
    } catch {
      body = { raw: text };
    }
    return { isError: result.isError === true, body };
  }

  /** DELETE the session (what a client does on a clean disconnect). */
  async terminate(): Promise<void> {
    await this.transport.terminateSession();
    await this.client.close();
  }

  /** Just go away: no DELETE, the server hears nothing. */
  async vanish(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Starts a device login in `window` and approves it at the provider as `username`; resolves once the server says
 * how the login ended for that session. Returns the login answer (with resume_token) and that event.
 */
export async function loginAs(server: McpSessionServer, provider: ProviderUnderTest, window: TestWindow, username: string) {
  const since = server.events.list().length;
  const started = await window.call('login');
  if (started.isError) throw new Error(`login failed to start: ${JSON.stringify(started.body)}`);
  await provider.approveDevice(started.body.user_code, username);
  const ended = await server.events.waitFor(
    (e) => 'sessionId' in e && e.sessionId === window.sessionId && ['session.activated', 'session.activation-failed', 'login.failed'].includes(e.type),
    since,
  );
  return { start: started.body, ended };
}

export function eventsOf<T extends ServerEvent['type']>(server: McpSessionServer, type: T, since = 0) {
  return server.events.list({ since, types: [type] }) as Extract<ServerEvent, { type: T }>[];
}

/** Resolves at the `n`th event (already recorded or future, from `since`) that matches. */
export function nthEvent(server: McpSessionServer, n: number, match: (e: ServerEvent) => boolean, since = 0): Promise<ServerEvent> {
  let seen = 0;
  return server.events.waitFor((e) => match(e) && ++seen === n, since);
}
