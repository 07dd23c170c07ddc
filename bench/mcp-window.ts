import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const AUTH_TIMEOUT_MS = 30_000;

/** One MCP client session over Streamable HTTP with the SDK's own client, as an editor window would hold it. */
export class McpWindow {
  private constructor(readonly client: Client) {}

  static async open(url: string): Promise<McpWindow> {
    const client = new Client({ name: 'bench-window', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return new McpWindow(client);
  }

  /** Calls a tool and parses its JSON text answer; a tool error is an answer, not an exception. */
  async call(tool: string): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const result = await this.client.callTool({ name: tool, arguments: {} });
    const text = (result.content as Array<{ text?: string }>)[0]?.text ?? '{}';
    return { ok: result.isError !== true, body: JSON.parse(text) as Record<string, unknown> };
  }

  /** Device login through the server's `login` tool, approved by `approve`; waits until the session says authenticated. */
  async authenticate(approve: (userCode: string) => Promise<void>): Promise<void> {
    const started = await this.call('login');
    if (!started.ok) throw new Error(`bench: login tool failed: ${JSON.stringify(started.body)}`);
    await approve(String(started.body.user_code));
    const deadline = performance.now() + AUTH_TIMEOUT_MS;
    while (performance.now() < deadline) {
      const status = (await this.call('session_status')).body.status;
      if (status === 'authenticated') return;
      if (status !== 'pending') throw new Error(`bench: login ended as ${String(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`bench: session not authenticated within ${AUTH_TIMEOUT_MS} ms`);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
