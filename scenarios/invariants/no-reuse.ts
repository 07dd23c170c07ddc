import { held, isSim, violated, type Invariant } from './invariant.js';

/** Seed 001 #1: the provider never sees a rotated refresh token again. */
export const noReuse: Invariant = {
  name: 'no-reuse',
  holds: 'the provider never sees a rotated refresh token presented again',
  check(history) {
    const reuse = history.find((e) => isSim(e) && e.type === 'reuse.detected');
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
