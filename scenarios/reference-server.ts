import { createMcpSessionServer, type PausePointName } from '../mcp-server/index.js';
import { referenceOptions } from './reference-options.js';
import { watchedActivity } from './server-still.js';
import { referenceReplicas, type ReplicaStore } from './reference-replicas.js';
import { heartbeatTimingOf, type ServerFactory } from './server-handle.js';

/**
 * The reference MCP session server in-process, wired to the world's simulator. Its heartbeat timer is off: the
 * scenario decides when a round runs (`world.heartbeat()`), so a round never lands by luck. A scenario whose
 * `world.server` names `replicas` or `store` gets `referenceReplicas` instead (seed 003: a persistent store,
 * several servers on it, restart).
 */
export function referenceServer(extra: Record<string, unknown> = {}): ServerFactory {
  return async (ctx) => {
    const { replicas, store, ...options } = ctx.options;
    if (replicas !== undefined || store !== undefined) {
      return referenceReplicas({ replicas: (replicas as number | undefined) ?? 1, store: (store as ReplicaStore | undefined) ?? 'persistent', extra })({ ...ctx, options });
    }
    const logs: string[] = [];
    const server = await createMcpSessionServer(referenceOptions(ctx, extra, options, (line) => logs.push(line)));
    return {
      activity: watchedActivity(() => [server]),
      url: server.url,
      close: () => server.close(),
      reset: async () => {
        await server.reset();
        // What a reused server logs next belongs to the next world's no-plaintext check, and only that.
        logs.length = 0;
      },
      onEvent: (listener) => server.events.subscribe((e) => listener(e as never)),
      heartbeatOnce: async () => {
        await server.heartbeat.runOnce();
      },
      heartbeatTiming: heartbeatTimingOf(server.config.heartbeat),
      pollDeviceLoginsNow: () => server.pollDeviceLoginsNow(),
      usersWithTokens: async () => (await server.store.listUsers()).filter((u) => u.sealed).map((u) => u.userId),
      sessionIds: async () => (await server.store.listSessions()).map((s) => s.id),
      logs: () => logs,
      hold: (point, match) => server.pauses.hold(point as PausePointName, match as never),
    };
  };
}
