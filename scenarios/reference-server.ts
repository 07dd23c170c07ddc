import { createMcpSessionServer, type PausePointName } from '../mcp-server/index.js';
import type { ServerFactory } from './server-handle.js';

/**
 * The reference MCP session server in-process, wired to the world's simulator. Its heartbeat timer is off: the
 * scenario decides when a round runs (`world.heartbeat()`), so a round never lands by luck.
 */
export function referenceServer(extra: Record<string, unknown> = {}): ServerFactory {
  return async ({ sim, flaws, options }) => {
    const logs: string[] = [];
    const server = await createMcpSessionServer({
      issuer: sim.issuer,
      clientId: sim.clients.confidential.clientId,
      clientSecret: sim.clients.confidential.clientSecret,
      resourceUrl: sim.resourceUrl,
      timeScale: sim.config.timeScale,
      devicePollIntervalSeconds: 0.02,
      flaws,
      log: (line) => logs.push(line),
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
    });
    return {
      url: server.url,
      close: () => server.close(),
      onEvent: (listener) => server.events.subscribe((e) => listener(e as never)),
      heartbeatOnce: async () => {
        await server.heartbeat.runOnce();
      },
      usersWithTokens: async () => (await server.store.listUsers()).filter((u) => u.sealed).map((u) => u.userId),
      sessionIds: async () => (await server.store.snapshot()).sessions.map((s) => s.id),
      logs: () => logs,
      hold: (point, match) => server.pauses.hold(point as PausePointName, match as never),
    };
  };
}
