import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';

/** Takes the tokens of a user whose refresh failed for good. Composition point of the `blind-delete` flaw. */
export interface TokenEvictor {
  /** The stored record after eviction, or undefined when nothing was evicted. */
  evict(userId: string, failed: UserRecord, consecutiveFailures: number): Promise<UserRecord | undefined>;
}

/** The record without tokens, marked needs_reauth (seed 001 #14). */
export function withoutTokens(current: UserRecord, consecutiveFailures: number): UserRecord {
  const { sealed: _dropped, accessTokenHash: _a, refreshTokenHash: _r, ...rest } = current;
  return { ...rest, status: 'needs_reauth', consecutiveFailures, generation: current.generation + 1 };
}

/**
 * The eviction names the generation that failed (seed 003; the shared-credential-store report): if another
 * replica or a new login stored tokens since, those are newer than the failure and stay.
 */
export function createGenerationEvictor(ctx: ServerContext): TokenEvictor {
  return {
    async evict(userId, failed, consecutiveFailures) {
      const stored = await ctx.store.updateUser(userId, (current) => (current.generation === failed.generation ? withoutTokens(current, consecutiveFailures) : undefined));
      return stored?.generation === failed.generation + 1 && stored.status === 'needs_reauth' ? stored : undefined;
    },
  };
}
