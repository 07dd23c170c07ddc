import type { Context } from 'koa';
import { readForm } from './request-form.js';
import { tokenHash } from './token-hash.js';
import { KeyedMutex } from '../support/index.js';

type Next = () => Promise<unknown>;
/**
 * Runs while the token's turn is held: what it checks and what the provider then does are one atomic step. `hash`
 * is the token's tokenHash, already computed for its turn.
 */
export type InsideRefresh = (ctx: Context, refreshToken: string, next: Next, hash: string) => Promise<unknown>;

/**
 * Makes reuse detection atomic. oidc-provider reads a refresh token, checks `consumed`, then consumes it: two
 * simultaneous requests with one token can both pass the check and both win. Serialising refreshes per token
 * value means the second one always sees the first one's `consumed` mark, so there is exactly one winner.
 */
export function refreshSerializer(tokenPath: string, inside?: InsideRefresh) {
  const turns = new KeyedMutex();
  // Not async itself: a request for another path passes on without a promise of this layer (issue 18).
  return function serializeRefresh(ctx: Context, next: Next) {
    return ctx.method === 'POST' && ctx.path === tokenPath ? serialize(ctx, next) : next();
  };

  async function serialize(ctx: Context, next: Next) {
    const form = await readForm(ctx);
    const token = form?.get('grant_type') === 'refresh_token' ? form.get('refresh_token') : null;
    if (!token) return next();
    const hash = tokenHash(token);
    return turns.run(hash, () => (inside ? inside(ctx, token, next, hash) : next()));
  }
}
