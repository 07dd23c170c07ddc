import { held, isSim, violated, type Invariant } from './invariant.js';

/** Seed 001 #1: the provider never sees a rotated refresh token again. */
export const noReuse: Invariant = {
  name: 'no-reuse',
  holds: 'the provider never sees a rotated refresh token presented again',
  check(history) {
    // A rotation whose answer never reached its caller (it hung up first) leaves the caller holding only the old
    // token: presenting it again is how the caller finds out, not a reuse it could have avoided. `bounded` and
    // `recovery` judge what it does next.
    const undelivered = new Set(history.filter((e) => isSim(e) && e.type === 'token.undelivered').map((e) => e.parent));
    const reuse = history.find((e) => isSim(e) && e.type === 'reuse.detected' && !undelivered.has(e.tokenHash));
    if (!reuse) return held('no-reuse');
    const consumedBy = history.find((e) => isSim(e) && e.type === 'token.refreshed' && e.parent === reuse.tokenHash && e.seq < reuse.seq);
    const revoked = history.find((e) => isSim(e) && e.type === 'grant.revoked' && e.grantId === reuse.grantId && e.seq >= reuse.seq - 1);
    return violated(
      'no-reuse',
      `refresh token ${reuse.tokenHash} of ${reuse.user ?? 'a user'} was presented after it had been rotated${revoked ? '; the provider revoked the whole grant' : ''}`,
      [consumedBy, reuse, revoked].filter((e) => e !== undefined),
    );
  },
};
