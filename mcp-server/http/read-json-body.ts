import type { IncomingMessage } from 'node:http';
import { ParseError, PayloadTooLargeError } from './rpc-errors.js';

/** Reads and parses a JSON-RPC body with a size limit; malformed JSON is a ParseError, not a crash. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ParseError((err as Error).message);
  }
}
