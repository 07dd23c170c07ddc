import type { ServerContext } from '../server-context.js';
import type { TokenWriter } from '../tokens/atomic-token-writer.js';
import type { FailurePolicy } from '../tokens/failure-policy.js';
import { refreshOnce, type Refresher } from '../tokens/refresh-once.js';

/**
 * Flaw `unlocked-refresh` (seed 001 #1): every caller refreshes on its own with the refresh token it read. Two at
 * once present the same token; the provider detects the reuse and revokes the grant.
 */
export function createNaiveRefresher(ctx: ServerContext, deps: { writer: TokenWriter; failures: FailurePolicy }): Refresher {
  return { refresh: (userId, request) => refreshOnce(ctx, deps, userId, request) };
}
