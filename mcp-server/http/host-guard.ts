import type { IncomingMessage } from 'node:http';
import { ForbiddenOriginError } from './rpc-errors.js';

/**
 * DNS-rebinding protection for a local server (MCP transport security): the Host must be a loopback name with our
 * port, and a browser's Origin, when present, must be one of those too. Throws ForbiddenOriginError otherwise.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): void {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) throw new ForbiddenOriginError(`Host ${JSON.stringify(req.headers.host ?? '')}`);
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!hosts.has(origin.toLowerCase().replace(/^http:\/\//, '')) || !/^http:\/\//i.test(origin)) {
    throw new ForbiddenOriginError(`Origin ${JSON.stringify(origin)}`);
  }
}
