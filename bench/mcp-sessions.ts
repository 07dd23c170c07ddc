import type { McpInfo } from './bench-target.js';
import { McpWindow } from './mcp-window.js';
import type { ServerProcess } from './server-process.js';

const OPENING_CONCURRENCY = 16;

/**
 * Opens `count` MCP sessions on a server; with `sim`, each logs in through the device flow as its own simulator user
 * (users are reused round-robin when there are fewer), approved by the simulator.
 */
export async function openSessions(server: ServerProcess<McpInfo>, count: number, sim?: ServerProcess): Promise<McpWindow[]> {
  const windows: McpWindow[] = [];
  const users = sim?.info.usernames ?? [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const w = await McpWindow.open(server.info.url);
      if (sim) await w.authenticate((code) => sim.approveDevice(code, users[i % users.length]!));
      windows.push(w);
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPENING_CONCURRENCY, count) }, worker));
  return windows;
}
