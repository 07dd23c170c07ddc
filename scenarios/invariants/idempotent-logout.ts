import { callOf, held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/** Seed 001 #15: logging out twice (two tabs, a retried request) is not an error. */
export const idempotentLogout: Invariant = {
  name: 'idempotent-logout',
  holds: 'every logout succeeds, including a repeated one',
  check(history) {
    // A logout its own window hung up on (closed before the answer) is not one the server failed.
    const failed = history.find((e) => isResult(e, 'logout') && !okOf(e) && e.detail?.error !== 'disconnected');
    if (!failed) return held('idempotent-logout');
    return violated('idempotent-logout', `logout in window ${windowOf(failed)} failed: ${failed.detail?.error ?? 'error'}`, [callOf(history, failed) ?? failed, failed]);
  },
};
