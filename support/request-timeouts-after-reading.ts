import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Node's own answers to a client error (lib/_http_server.js), sent before the socket is closed. */
const ANSWERS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
};
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

type ServerSocket = Socket & { _httpMessage?: { _headerSent?: boolean } | null };

/**
 * Node's http server enforces `headersTimeout` (60 s) and `requestTimeout` on a timer that runs in the timers phase
 * of the event loop, before the poll phase reads sockets. After the process stalled (a starved CI runner, a long
 * garbage collection), a connection whose request arrived in time but has not been read yet is judged by how long
 * this process did not run: it gets 408 and, its request still unread, a TCP reset; the client sees ECONNRESET or
 * 408 for a request it sent promptly (issue 12). Here that judgement waits for the server to have read what
 * arrived: two turns of the event loop (a client in this same process writes its request in the first turn's poll
 * phase, the server reads it in the second's). A connection that then has delivered a request is served; one that
 * still has not sent a whole request head gets Node's own 408 and is closed, so slow-loris protection stays.
 * Every other client error is answered exactly as Node does when nobody listens for `clientError`.
 */
export function requestTimeoutsAfterReading(server: Server): void {
  const requests = new WeakMap<Socket, number>();
  server.on('request', (req) => {
    requests.set(req.socket, (requests.get(req.socket) ?? 0) + 1);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: ServerSocket) => {
    if (err.code !== 'ERR_HTTP_REQUEST_TIMEOUT') return answer(err, socket);
    const before = requests.get(socket) ?? 0;
    setImmediate(() =>
      setImmediate(() => {
        if (socket.destroyed || (requests.get(socket) ?? 0) > before) return;
        answer(err, socket);
      }),
    );
  });
}

function answer(err: NodeJS.ErrnoException, socket: ServerSocket): void {
  // Node's rule: an error answer only where no response of ours has started on this socket.
  if (socket.writable && !socket._httpMessage?._headerSent) socket.write(ANSWERS[err.code ?? ''] ?? BAD_REQUEST);
  socket.destroy(err);
}
