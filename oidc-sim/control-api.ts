import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { InvalidOptionError, PayloadTooLargeError, SimError, UnauthorizedControlError } from './errors.js';

type Next = () => Promise<unknown>;
export const CONTROL_PREFIX = '/control';

/** A control route: gets the parsed JSON body (or query for GET) and returns what to answer. */
export type ControlHandler = (input: Record<string, unknown>, ctx: Context) => Promise<unknown> | unknown;
export type ControlRoutes = Record<string, ControlHandler>; // key: 'POST /login'

/**
 * The simulator's control API for out-of-process callers (the CLI, servers in any language). Loopback only
 * (the simulator never listens elsewhere) and guarded by a bearer token compared in constant time.
 */
export function controlApi(controlToken: string, routes: ControlRoutes) {
  const expected = digest(controlToken);
  // Not async itself: a request for another endpoint passes on without a promise of this layer (issue 18).
  return function control(ctx: Context, next: Next) {
    if (ctx.path !== CONTROL_PREFIX && !ctx.path.startsWith(`${CONTROL_PREFIX}/`)) return next();
    return answer(ctx);
  };

  async function answer(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    try {
      // RFC 7235 §2.1: the scheme is case-insensitive.
      const presented = /^bearer +(.+)$/i.exec(ctx.get('authorization'))?.[1];
      if (!presented || !timingSafeEqual(digest(presented), expected)) throw new UnauthorizedControlError();
      const handler = routes[`${ctx.method} ${ctx.path.slice(CONTROL_PREFIX.length) || '/'}`];
      if (!handler) {
        ctx.status = 404;
        ctx.body = { error: 'not_found', error_description: `no control route ${ctx.method} ${ctx.path}`, routes: Object.keys(routes) };
        return;
      }
      const input = ctx.method === 'GET' ? { ...ctx.query } : await readJson(ctx);
      const result = await handler(input, ctx);
      if (!ctx.body) ctx.body = result ?? { ok: true };
    } catch (err) {
      const known = err instanceof SimError;
      ctx.status = known ? err.status : 500;
      if (err instanceof UnauthorizedControlError) ctx.set('WWW-Authenticate', err.wwwAuthenticate);
      ctx.body = { error: known ? err.code : 'server_error', error_description: known ? err.message : 'internal error in the simulator' };
      if (!known) ctx.app.emit('error', err, ctx);
    }
  }
}

const BODY_LIMIT = 64 * 1024;

/** The control API's JSON body reader (exported for its tests). */
export async function readJson(ctx: Pick<Context, 'req' | 'get'>): Promise<Record<string, unknown>> {
  if (Number(ctx.get('content-length') || 0) > BODY_LIMIT) throw new PayloadTooLargeError(BODY_LIMIT);
  // Bytes first, decoded once: a character split across two chunks must not turn into two replacement characters.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new PayloadTooLargeError(BODY_LIMIT);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new InvalidOptionError('body', 'must be a JSON object');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Reads a required string field of a control request, or says which one is missing. */
export function field(input: Record<string, unknown>, name: string): string {
  const v = input[name];
  if (typeof v !== 'string' || !v) throw new InvalidOptionError(name, 'required string');
  return v;
}
