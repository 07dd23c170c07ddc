import { ConfigError } from '../config-error.js';
import type { ServerConfig } from '../options.js';

/** Judges the heartbeat timing. Composition point of the `tight-heartbeat` flaw. */
export interface HeartbeatPolicy {
  /** Throws ConfigError for a timing that cannot keep refresh tokens alive. */
  validate(heartbeat: ServerConfig['heartbeat']): void;
  /** Head room a retry must leave before the refresh token dies. */
  readonly marginMs: number;
}

const s = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

/**
 * Seed 001 #5: a 25 s heartbeat against a 30 s refresh token leaves 5 s for latency, and a slow network ate it.
 * Each cycle must reach the provider at least the latency margin before the token it carries expires.
 */
export function createMarginPolicy(heartbeat: ServerConfig['heartbeat']): HeartbeatPolicy {
  return {
    marginMs: heartbeat.latencyMarginMs,
    validate({ intervalMs, refreshTokenLifetimeMs, latencyMarginMs }) {
      if (intervalMs + latencyMarginMs > refreshTokenLifetimeMs) {
        throw new ConfigError(
          'heartbeat',
          `interval ${s(intervalMs)} leaves ${s(refreshTokenLifetimeMs - intervalMs)} before the refresh token ` +
            `(${s(refreshTokenLifetimeMs)}) expires, less than the ${s(latencyMarginMs)} latency margin (seed 001 #5); ` +
            `use an interval of at most ${s(refreshTokenLifetimeMs - latencyMarginMs)} or a longer refresh lifetime`,
        );
      }
    },
  };
}
