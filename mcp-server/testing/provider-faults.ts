import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch, type Dispatcher } from 'undici';

type Transform = (body: Record<string, unknown>) => Record<string, unknown>;

/**
 * Test-only faults between the server and a real provider, over real HTTP: an undici dispatcher (passed as the
 * server's `dispatcher` option) sends chosen token requests to a small local HTTP server that either refuses
 * them (503) or forwards them to the provider and rewrites the answer. Until the simulator's own fault layer is
 * public, this is how these tests make the provider fail on cue.
 */
export interface ProviderFaults {
  readonly dispatcher: Dispatcher;
  /** The next `count` refresh requests answer 503 without reaching the provider. */
  failRefreshes(count: number): void;
  /** The next successful device-code token answer gets its id_token rewritten. */
  rewriteNextLoginAnswer(transform: Transform): void;
  /** Refresh requests that reached the fault server (refused ones). */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startProviderFaults(): Promise<ProviderFaults> {
  let failing = 0;
  let refused = 0;
  let rewrite: Transform | undefined;

  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-fault-target']);
    const mode = String(req.headers['x-fault-mode']);
    if (mode === 'refuse') {
      refused++;
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'test fault' }));
    }
    const upstream = await fetch(new URL(req.url!, target), { method: req.method!, headers: forwardHeaders(req), body: await readBody(req) });
    let text = await upstream.text();
    const transform = rewrite;
    if (upstream.status === 200 && transform) {
      rewrite = undefined;
      text = JSON.stringify(transform(JSON.parse(text) as Record<string, unknown>));
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const faultOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const agent = new Agent();
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const body = typeof opts.body === 'string' ? opts.body : '';
    const isToken = opts.method === 'POST' && opts.path === '/token';
    const mode = isToken && failing > 0 && body.includes('grant_type=refresh_token')
      ? 'refuse'
      : isToken && rewrite && body.includes('device_code')
        ? 'rewrite'
        : undefined;
    if (!mode) return dispatch(opts, handler);
    if (mode === 'refuse') failing--;
    const headers = { ...(opts.headers as Record<string, string>), 'x-fault-target': String(opts.origin), 'x-fault-mode': mode };
    return dispatch({ ...opts, origin: faultOrigin, headers }, handler);
  });

  return {
    dispatcher,
    failRefreshes: (count) => void (failing = count),
    rewriteNextLoginAnswer: (transform) => void (rewrite = transform),
    get refused() {
      return refused;
    },
    async close() {
      await agent.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function forwardHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k) && !k.startsWith('x-fault-')) out[k] = v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
}
