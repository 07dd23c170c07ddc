import type { ServerContext } from '../server-context.js';
import type { TokenWriter } from './atomic-token-writer.js';
import type { FailurePolicy } from './failure-policy.js';
import { refreshOnce, type RefreshOutcome, type Refresher } from './refresh-once.js';

/**
 * Seed 001 #1: one refresh per user at a time, shared. A tool call that needs a fresh token while the heartbeat
 * is refreshing joins that refresh instead of presenting the same refresh token a second time (which the
 * provider answers with reuse detection and a revoked grant). Runs under the user's lock, so a logout or a new
 * login of that user waits for it.
 */
export function createSingleFlightRefresher(ctx: ServerContext, deps: { writer: TokenWriter; failures: FailurePolicy }): Refresher {
  const flights = new Map<string, Promise<RefreshOutcome>>();
  return {
    refresh(userId, request) {
      const running = flights.get(userId);
      if (running) {
        ctx.events.record({ type: 'refresh.joined', userId, trigger: request.trigger });
        return running;
      }
      const flight = ctx.userLock.run(userId, () => refreshOnce(ctx, deps, userId, request));
      flights.set(userId, flight);
      const clear = () => {
        if (flights.get(userId) === flight) flights.delete(userId);
      };
      flight.then(clear, clear);
      return flight;
    },
  };
}
