import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { harnessDefaults } from './defaults.js';

/**
 * The windows' own connection pool, instead of the process-wide one behind global fetch: it reuses an idle socket
 * for at most `windowIdleMs` whatever `Keep-Alive: timeout=` the server announces, so a window never sends on a
 * socket the server is timing out. No retries: a failed request is the target's outcome, reported as it happened.
 * Idle sockets are unreferenced, so the pool never keeps a process alive.
 */
export const windowAgent = new Agent({
  keepAliveTimeout: harnessDefaults.windowIdleMs,
  keepAliveMaxTimeout: harnessDefaults.windowIdleMs,
});

/**
 * What the MCP client's transport asks of fetch, over undici's `request`: the method, headers, body and signal it
 * sends; the status, headers, JSON or text, or the body as a stream (an SSE answer) it reads. A redirect comes back
 * as it is, for the SDK to follow within the origin or report (as fetch does with `redirect: 'manual'`). fetch's
 * request and response objects and body streams cost most of a window's client-side time, and hundreds of windows
 * run in one process.
 */
export const windowFetch: FetchLike = async (url, init = {}) => {
  const res = await request(String(url), {
    method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: plainHeaders(init.headers),
    ...(init.body !== undefined && init.body !== null ? { body: init.body as string } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
    dispatcher: windowAgent,
  });
  return answer(String(url), res) as unknown as Response;
};

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as Headers).get === 'function') {
    const plain: Record<string, string> = {};
    for (const [name, value] of headers as unknown as Iterable<[string, string]>) plain[name] = value;
    return plain;
  }
  return { ...(headers as Record<string, string>) };
}

/**
 * The part of a fetch Response the SDK's transport reads, over one undici answer (its body is read one way only). The
 * body is a web stream only where one is read as a stream (an SSE answer); anything else is read whole or let go.
 */
function answer(url: string, res: Dispatcher.ResponseData) {
  const header = (name: string): string | null => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : [value].flat().join(', ');
  };
  const eventStream = /^text\/event-stream/i.test(header('content-type') ?? '');
  let stream: ReadableStream<Uint8Array> | undefined;
  return {
    url,
    type: 'basic',
    redirected: false,
    status: res.statusCode,
    ok: res.statusCode >= 200 && res.statusCode < 300,
    statusText: STATUS_CODES[res.statusCode] ?? '',
    headers: { get: header, has: (name: string) => header(name) !== null },
    json: () => res.body.json(),
    text: () => res.body.text(),
    get body(): ReadableStream<Uint8Array> | { cancel(): Promise<void> } {
      if (!eventStream) return { cancel: () => res.body.dump() };
      return (stream ??= Readable.toWeb(res.body) as ReadableStream<Uint8Array>);
    },
  };
}
