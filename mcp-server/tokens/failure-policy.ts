import type { ProviderError } from '../provider/provider-errors.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';

export interface FailureDecision {
  /** Worth another attempt after a backoff (transient, budget left). */
  retry: boolean;
  /** The user was marked needs_reauth and its tokens dropped. */
  needsReauth: boolean;
  consecutiveFailures: number;
}

/** What a failed refresh does to the user. Composition point of the `no-failure-cleanup` flaw. */
export interface FailurePolicy {
  onFailure(userId: string, error: ProviderError, basis: UserRecord): Promise<FailureDecision>;
}

/**
 * Seed 001 #14: `invalid_grant` or an exhausted failure budget marks the user needs_reauth, drops the tokens and
 * stops refreshing; transient failures within the budget are worth a retry. Only the version that failed is
 * touched, so a newer login is never marked by an old failure.
 */
export function createCleanupFailurePolicy(ctx: ServerContext): FailurePolicy {
  return {
    async onFailure(userId, error, basis) {
      const failures = basis.consecutiveFailures + 1;
      const giveUp = !error.transient || failures >= ctx.config.heartbeat.failureBudget;
      const updated = await ctx.store.updateUser(userId, (current) => {
        if (current.generation !== basis.generation) return undefined;
        const counted = { ...current, consecutiveFailures: failures, generation: current.generation + 1 };
        if (!giveUp) return counted;
        const { sealed: _dropped, accessTokenHash: _a, refreshTokenHash: _r, ...rest } = counted;
        return { ...rest, status: 'needs_reauth' };
      });
      const applied = updated?.generation === basis.generation + 1;
      if (applied && giveUp) {
        ctx.events.record({ type: 'needs_reauth', userId, reason: error.transient ? `failure budget of ${ctx.config.heartbeat.failureBudget} exhausted: ${error.message}` : `${error.code}: ${error.message}` });
      }
      return { retry: applied && !giveUp, needsReauth: applied && giveUp, consecutiveFailures: failures };
    },
  };
}
