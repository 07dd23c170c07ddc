import { createMcpSessionServer } from '../mcp-server/index.js';
import type { BenchTarget, McpInfo } from './bench-target.js';
import type { ServerSpec } from './server-spec.js';

type ReferenceSpec = Extract<ServerSpec, { kind: 'mcp-reference' }>;

/**
 * The reference MCP session server against a simulator in another process, with its defaults (heartbeat timer on,
 * refreshing every 20 s against 30 s refresh tokens) unless `tuning` changes them; device polling is fast so logins
 * finish promptly. With `countEvents`, server events are counted by type (refreshes also by trigger).
 */
export async function createReferenceMcp(spec: ReferenceSpec): Promise<BenchTarget<McpInfo>> {
  const server = await createMcpSessionServer({
    issuer: spec.issuer,
    clientId: spec.client.clientId,
    ...(spec.client.clientSecret ? { clientSecret: spec.client.clientSecret } : {}),
    resourceUrl: spec.resourceUrl,
    devicePollIntervalSeconds: 0.02,
    ...spec.tuning,
    // Benchmarks hold up to 10 000 sessions on purpose (scale): above the default limit of 1 000.
    sessions: { maxSessions: 100_000, ...spec.tuning?.sessions },
  });
  const counts: Record<string, number> = {};
  if (spec.countEvents) {
    let cycleStart = 0;
    server.events.subscribe((e) => {
      const key = e.type === 'refresh.succeeded' || e.type === 'refresh.failed' ? `${e.type}.${e.trigger}` : e.type;
      counts[key] = (counts[key] ?? 0) + 1;
      // Heartbeat cycle durations (cycles never overlap on the reference server: its guard skips instead).
      if (e.type === 'heartbeat.started') cycleStart = e.at;
      if (e.type === 'heartbeat.finished') {
        const ms = Math.round(e.at - cycleStart);
        counts['heartbeat.lastCycleMs'] = ms;
        counts['heartbeat.maxCycleMs'] = Math.max(ms, counts['heartbeat.maxCycleMs'] ?? 0);
      }
    });
  }
  return { info: { url: server.url }, close: () => server.close(), ...(spec.countEvents ? { counters: () => ({ ...counts }) } : {}) };
}
