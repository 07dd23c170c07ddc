import type { ProviderError } from '../provider/provider-errors.js';
import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import type { TokenEvictor } from './token-evictor.js';

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
export function createCleanupFailurePolicy(ctx: ServerContext, evictor: TokenEvictor): FailurePolicy {
  const count = async (userId: string, basis: UserRecord, failures: number) => {
    const next = (current: UserRecord) => (current.generation === basis.generation ? { ...current, consecutiveFailures: failures, generation: current.generation + 1 } : undefined);
    return (await ctx.store.updateUser(userId, next))?.generation === basis.generation + 1;
  };
  return {
    async onFailure(userId, error, basis) {
      const failures = basis.consecutiveFailures + 1;
      const giveUp = !error.transient || failures >= ctx.config.heartbeat.failureBudget;
      const applied = giveUp ? (await evictor.evict(userId, basis, failures)) !== undefined : await count(userId, basis, failures);
      if (applied && giveUp) {
        ctx.events.record({ type: 'needs_reauth', userId, reason: error.transient ? `failure budget of ${ctx.config.heartbeat.failureBudget} exhausted: ${error.message}` : `${error.code}: ${error.message}` });
      }
      return { retry: applied && !giveUp, needsReauth: applied && giveUp, consecutiveFailures: failures };
    },
  };
}
