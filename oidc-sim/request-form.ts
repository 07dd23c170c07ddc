import type { Context, Next } from 'koa';
import { FormTooLargeError } from './errors.js';

const LIMIT = 64 * 1024;

/**
 * Reads an urlencoded request body once, ahead of the provider, so the refresh serializer and the fault layer can
 * match on its parameters. The raw bytes are handed on as `req.body`, which oidc-provider reads as if it had
 * parsed them itself.
 */
export function readForm(ctx: Context): Promise<URLSearchParams | undefined> {
  // Cache the read itself, not its result: two middlewares asking at once must share one read of the stream.
  ctx.state.simForm ??= read(ctx);
  return ctx.state.simForm as Promise<URLSearchParams | undefined>;
}

async function read(ctx: Context): Promise<URLSearchParams | undefined> {
  if (ctx.method !== 'POST' || !ctx.is('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams((await readRaw(ctx)).toString('utf8'));
}

/**
 * Reads a JSON request body ahead of the provider (the registration guard), handing the raw bytes on the same
 * way. Undefined when the body is not JSON or not an object: the provider then answers with its own error.
 */
export async function readJsonBody(ctx: Context): Promise<Record<string, unknown> | undefined> {
  if (ctx.method !== 'POST' || !ctx.is('application/json')) return undefined;
  const raw = await readRaw(ctx);
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readRaw(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) throw new FormTooLargeError(LIMIT);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  (ctx.req as unknown as { body: Buffer }).body = raw;
  return raw;
}

/**
 * Answers a form read ahead of the provider that was too large the way the provider answers its own errors
 * (RFC 6749 §5.2 JSON), not with Koa's plain text: the client is an OAuth client and parses JSON.
 */
export function formErrors(ctx: Context, next: Next): Promise<unknown> {
  // Only a POST has a body to read ahead: anything else passes on without an async layer of this one (issue 18).
  return ctx.method === 'POST' ? answerTooLarge(ctx, next) : next();
}

async function answerTooLarge(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    if (!(err instanceof FormTooLargeError)) throw err;
    ctx.status = err.status;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { error: err.code, error_description: err.message };
  }
}
