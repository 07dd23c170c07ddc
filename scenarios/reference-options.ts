import type { McpSessionServerOptions } from '../mcp-server/index.js';
import type { ServerContext } from './server-handle.js';
import { harnessDefaults } from './defaults.js';

/**
 * The options every in-process reference server of a world gets: wired to the world's simulator, heartbeat timer
 * off (the scenario decides when a round runs), the scenario's overrides on top.
 */
export function referenceOptions({ sim, flaws }: ServerContext, extra: Record<string, unknown>, options: Record<string, unknown>, log: (line: string) => void): McpSessionServerOptions {
  return {
    issuer: sim.issuer,
    clientId: sim.clients.confidential.clientId,
    clientSecret: sim.clients.confidential.clientSecret,
    resourceUrl: sim.resourceUrl,
    timeScale: sim.config.timeScale,
    // The world wakes the poll as soon as it has approved (pollDeviceLoginsNow): the interval is only a fallback, long
    // enough that a login sends no pending polls while its approval runs.
    devicePollIntervalSeconds: 1,
    // The simulator runs in this process: a slow answer means a busy machine, not a failing provider (issue 12).
    requestTimeoutSeconds: harnessDefaults.providerRequestTimeoutSeconds,
    flaws,
    log,
    ...extra,
    ...options,
    heartbeat: {
      timer: false,
      retryBackoffSeconds: 0,
      // What the provider really issues, so the server's retry window matches it.
      refreshTokenLifetimeSeconds: sim.lifetimes.refreshToken / sim.config.timeScale,
      ...(extra.heartbeat as object),
      ...(options.heartbeat as object),
    },
  };
}
