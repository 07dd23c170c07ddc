import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestTimeoutsAfterReading } from './request-timeouts-after-reading.js';

// Small timeouts so a stall longer than them is cheap to make. The stall is the condition under test, not a wait for
// something: the event loop is blocked outright (Atomics.wait), as a starved machine or a long GC would block it,
// and every step after it is an awaited event.
const HEADERS_TIMEOUT_MS = 200;
const STALL_MS = HEADERS_TIMEOUT_MS + 150;
const REQUEST = 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
});

async function start(tolerant: boolean): Promise<Server> {
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 2 * HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 20 }, (req, res) => {
    req.resume();
    req.on('end', () => res.end('served'));
  });
  if (tolerant) requestTimeoutsAfterReading(server);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A connection the server has accepted (its headers clock runs) and the client sees as open. */
async function open(server: Server): Promise<Socket> {
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await Promise.all([once(client, 'connect'), once(server, 'connection')]);
  return client;
}

/** Everything the client receives until the server closes the connection, or the error that ended it. */
function answerOf(client: Socket): Promise<string> {
  let received = '';
  client.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  return new Promise((resolve) => {
    client.once('close', () => resolve(received));
    client.once('error', (err: NodeJS.ErrnoException) => resolve(received || `error ${err.code}`));
  });
}

/** Blocks this process's event loop outright, as a starved machine does. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('request timeouts judged after reading', () => {
  it('serve a request that arrived in time while the server process was stalled past headersTimeout', async () => {
    const server = await start(true);
    const client = await open(server);
    const answer = answerOf(client);
    client.write(REQUEST);
    stall(STALL_MS);
    client.once('data', () => client.end());
    expect(await answer).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*served$/);
  });

  it('are what a plain Node server gets wrong in the same stall: the prompt request is refused or reset', async () => {
    const server = await start(false);
    const client = await open(server);
    const answer = answerOf(client);
    client.write(REQUEST);
    stall(STALL_MS);
    expect(await answer).toMatch(/^(HTTP\/1\.1 408 Request Timeout|error ECONNRESET)/);
  });

  it('still close a connection that sent no request within headersTimeout, with 408 as Node does', async () => {
    const server = await start(true);
    const client = await open(server);
    const answer = answerOf(client);
    stall(STALL_MS);
    expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('answer other client errors as Node does: a malformed request gets 400 and the connection closes', async () => {
    const server = await start(true);
    const client = await open(server);
    const answer = answerOf(client);
    client.write('NOT HTTP\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });
});
