import type { ServerContext } from '../server-context.js';
import type { UserRecord } from '../store/session-store.js';
import type { TokenWriter } from './atomic-token-writer.js';
import type { FailurePolicy } from './failure-policy.js';
import { refreshOnce, type RefreshOutcome, type RefreshRequest, type Refresher } from './refresh-once.js';
import type { RefreshLock } from './refresh-lock.js';
import { openSecrets, UnreadableTokensError } from './user-record.js';

/**
 * Seed 001 #1: one refresh per user at a time, shared. A tool call that needs a fresh token while the heartbeat
 * is refreshing joins that refresh instead of presenting the same refresh token a second time (which the
 * provider answers with reuse detection and a revoked grant). Runs under the refresh lock (this process's and,
 * seed 003, the store's, which every replica shares), so a logout or a new login in this process waits for it.
 *
 * Across replicas there is nothing to join: the loser of the race waits for the lock, then reads the record
 * again. If its tokens changed since the caller looked (`seen`), the winner refreshed them: use those instead of
 * refreshing again. A refresh that fails after someone else stored newer tokens also uses those.
 */
export function createSingleFlightRefresher(ctx: ServerContext, deps: { writer: TokenWriter; failures: FailurePolicy; lock: RefreshLock }): Refresher {
  const flights = new Map<string, { promise?: Promise<RefreshOutcome> }>();

  const locked = async (userId: string, request: RefreshRequest): Promise<RefreshOutcome> => {
    // A pinned basis (a heartbeat holding its snapshot) is refreshed as given: what the caller asked for.
    if (request.basis) return refreshOnce(ctx, deps, userId, request);
    const current = await ctx.store.getUser(userId);
    if (!current) return { ok: false, reason: 'gone', retry: false };
    if (request.seen && rotatedSince(request.seen, current)) return adopt(userId, request, current) ?? refreshOnce(ctx, deps, userId, { ...request, basis: current });
    const outcome = await refreshOnce(ctx, deps, userId, { ...request, basis: current });
    if (outcome.ok) return outcome;
    const after = await ctx.store.getUser(userId);
    return (after && rotatedSince(current, after) && adopt(userId, request, after)) || outcome;
  };

  const adopt = (userId: string, request: RefreshRequest, winner: UserRecord): RefreshOutcome | undefined => {
    if (winner.status !== 'authenticated' || !winner.sealed) return undefined;
    try {
      const secrets = openSecrets(ctx, winner)!;
      ctx.events.record({ type: 'refresh.adopted', userId, trigger: request.trigger, accessTokenHash: winner.accessTokenHash! });
      return { ok: true, record: winner, secrets };
    } catch (err) {
      if (err instanceof UnreadableTokensError) return undefined;
      throw err;
    }
  };

  return {
    refresh(userId, request) {
      const running = flights.get(userId)?.promise;
      if (running) {
        ctx.events.record({ type: 'refresh.joined', userId, trigger: request.trigger });
        return ctx.activity.wait('flight', running);
      }
      const flight: { promise?: Promise<RefreshOutcome> } = {};
      const clear = () => {
        if (flights.get(userId) === flight) flights.delete(userId);
      };
      // The flight ends when its result is stored, inside the lock: a caller after that starts its own (and, holding
      // the lock next, finds the stored result through `seen`), however long the locks take to unwind.
      flight.promise = deps.lock.run(userId, () => locked(userId, request).finally(clear));
      flights.set(userId, flight);
      flight.promise.then(clear, clear);
      return flight.promise;
    },
  };
}

/** New tokens since `seen`: a refresh or a login stored them (a failure count alone does not change them). */
function rotatedSince(seen: UserRecord, current: UserRecord): boolean {
  return current.accessTokenHash !== undefined && current.accessTokenHash !== seen.accessTokenHash;
}
