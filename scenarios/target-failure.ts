import { errorLinks } from './describe-error.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { ZodError } from 'zod';

/**
 * Tells what the target did (refused, reset, answered garbage, timed out) from a bug of ours. Only the first becomes a
 * window's `transport_error` outcome; anything else is a harness error with its cause chain (STYLE: a failed
 * expectation is a result, a harness bug is an exception, and the two never mix).
 */
export function isTargetFailure(err: unknown): boolean {
  // Walks the cause chain: a WindowError or HarnessError context wraps what the network or the SDK said.
  const seen = new Set<unknown>();
  for (let e = err; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (isTargetFailureLink(e)) return true;
  }
  return false;
}

function isTargetFailureLink(err: unknown): boolean {
  if (err instanceof McpError || err instanceof StreamableHTTPError || err instanceof ZodError || err instanceof SyntaxError) return true;
  if (!(err instanceof Error)) return false;
  // undici: `TypeError: fetch failed` with the socket error (ECONNREFUSED, ECONNRESET, UND_ERR_*) as its cause.
  if (err instanceof TypeError && /fetch failed|terminated/.test(err.message)) return true;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return true;
  // The SDK's own words when the server ends the stream or answers outside the protocol.
  return /^(Not connected|Connection closed|Error POSTing to endpoint|Unexpected content type|Server returned|Failed to open SSE stream)/.test(err.message);
}

/** A target failure in one line, with the socket-level cause where there is one (ECONNRESET at 127.0.0.1:PORT). */
export function describeTargetFailure(err: Error): string {
  const cause = err.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ? ` (${cause.code}${cause.message && !cause.message.includes(cause.code) ? `: ${cause.message}` : ''})` : cause?.message ? ` (${cause.message})` : '';
  return `${err.message}${detail}`.slice(0, 300);
}

/** A bug of ours, met while driving the target: carries what the harness was doing and the original error. */
export class HarnessError extends Error {
  override name = 'HarnessError';
  constructor(doing: string, cause: unknown) {
    super(`harness error while ${doing}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** `message`, then each `cause` in turn, as lines a person can read (no stack traces). */
export function causeChain(err: unknown): string[] {
  return errorLinks(err).slice(1);
}
