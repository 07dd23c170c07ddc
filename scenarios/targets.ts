import { flawNames, isFlawName } from '../mcp-server/index.js';
import { referenceServer } from './reference-server.js';
import type { ServerFactory } from './server-handle.js';
import { UsageError } from './usage-error.js';

export const targetUsage = `Target: the reference MCP server runs in-process against the embedded simulator (a fresh world per run).`;

/** The server a run drives. Flaw names are checked here, before anything starts. */
export async function resolveTarget(options: { flaws: string[]; serverCmd?: string }): Promise<{ name: string; factory: ServerFactory }> {
  const unknown = options.flaws.filter((f) => !isFlawName(f));
  if (unknown.length) throw new UsageError(`unknown flaw ${unknown.map((f) => `'${f}'`).join(', ')}; valid: ${flawNames.join(', ')}`);
  if (options.serverCmd) throw new UsageError('--server-cmd is not supported yet');
  return { name: options.flaws.length ? `reference server with ${options.flaws.join(', ')}` : 'reference server', factory: referenceServer() };
}
