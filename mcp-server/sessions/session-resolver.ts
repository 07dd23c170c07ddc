import type { ServerContext } from '../server-context.js';

/** Finds the user a request acts for. Composition point of the `global-active-session` flaw. */
export interface SessionResolver {
  userOf(sessionId: string): Promise<string | undefined>;
  /** A session was just mapped to a user. */
  activated(sessionId: string): void;
}

/** Seed 001 #9: every request resolves its user from its own session id, nothing server-wide. */
export function createPerSessionResolver(ctx: ServerContext): SessionResolver {
  return {
    async userOf(sessionId) {
      return (await ctx.store.getSession(sessionId))?.userId;
    },
    activated() {},
  };
}
