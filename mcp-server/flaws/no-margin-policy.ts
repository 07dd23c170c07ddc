import type { HeartbeatPolicy } from '../heartbeat/heartbeat-policy.js';

/**
 * Flaw `tight-heartbeat` (seed 001 #5): any interval shorter than the refresh-token lifetime is accepted, and
 * retries may run right up to the expiry. 25 s against 30 s starts; a few seconds of latency lose the user.
 */
export function createNoMarginPolicy(): HeartbeatPolicy {
  return {
    marginMs: 0,
    validate() {},
  };
}
