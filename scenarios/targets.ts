import { flawNames, isFlawName } from '../mcp-server/index.js';
import type { Capability, ScenarioDefinition } from './define-scenario.js';
import { externalServer } from './external-server.js';
import { referenceServer } from './reference-server.js';
import type { ServerFactory } from './server-handle.js';
import { UsageError } from './usage-error.js';

export const targetUsage = `Target (default: the reference MCP server in-process, against the embedded simulator, a fresh world per run):
  --server-cmd CMD  start your own MCP server per world instead; CMD may use {issuer} {clientId} {clientSecret}
                    {resourceUrl} {publicClientId} {port}; the endpoint is a printed MCP_ENDPOINT=URL line, else
                    the first loopback URL on {port}, else the first one that is not the simulator's (README: the
                    target contract)
  --target-heartbeat S
                    declare that the target refreshes every logged-in user at least every S seconds on its own;
                    heartbeat rounds are then awaited through the simulator's ledger (default: forced, black-box),
                    and the scenarios that hold a round at the provider run
  --target-restartable
                    declare that the command, started again (same {port}, same {stateDir}), comes back with every
                    session and token: server-restart-mid-session then runs (needs {port} in the command)
  --target-replicas N
                    declare that N copies of the command (each its own {port}, one {stateDir} or store) serve one set
                    of sessions and tokens: the replica scenarios then run
  ({stateDir} is a fresh empty directory per world, kept across restarts, removed afterwards)`;

export interface Target {
  name: string;
  factory: ServerFactory;
  /** What the server lets the harness drive beyond MCP: a heartbeat round on demand, hold points. */
  capabilities: Set<Capability>;
}

/** The server a run drives. Flaw names are checked here, before anything starts. */
export async function resolveTarget(options: { flaws: string[]; serverCmd?: string; heartbeatSeconds?: number; restartable?: boolean; replicas?: number }): Promise<Target> {
  const { serverCmd, heartbeatSeconds, restartable = false, replicas = 1 } = options;
  if (serverCmd) {
    if (options.flaws.length) throw new UsageError('--flaw switches flaws of the reference server; it cannot be combined with --server-cmd (pass --flaw inside the command to `serve`)');
    if (restartable && !serverCmd.includes('{port}')) throw new UsageError('--target-restartable needs {port} in --server-cmd: windows keep their endpoint across the restart');
    if (replicas > 1 && !serverCmd.includes('{port}')) throw new UsageError('--target-replicas needs {port} in --server-cmd: each copy listens on a port of its own');
    const factory = externalServer(serverCmd, { ...(heartbeatSeconds ? { heartbeatPeriodMs: heartbeatSeconds * 1000 } : {}), restartable, replicas });
    const capabilities = new Set<Capability>([...(heartbeatSeconds ? (['rounds'] as const) : []), ...(restartable ? (['restart'] as const) : []), ...(replicas > 1 ? (['replicas'] as const) : [])]);
    return { name: `external server: ${serverCmd}`, factory, capabilities };
  }
  const declared = [heartbeatSeconds && '--target-heartbeat', restartable && '--target-restartable', replicas > 1 && '--target-replicas'].filter(Boolean);
  if (declared.length) throw new UsageError(`${declared.join(', ')} declare(s) what a server started with --server-cmd can do`);
  const unknown = options.flaws.filter((f) => !isFlawName(f));
  if (unknown.length) throw new UsageError(`unknown flaw ${unknown.map((f) => `'${f}'`).join(', ')}; valid: ${flawNames.join(', ')}`);
  return {
    name: options.flaws.length ? `reference server with ${options.flaws.join(', ')}` : 'reference server',
    factory: referenceServer(),
    capabilities: new Set(['heartbeat', 'holds', 'restart', 'replicas', 'rounds']),
  };
}

const CAPABILITY_WORDS: Record<Capability, string> = {
  heartbeat: 'a heartbeat round on demand',
  holds: 'hold points inside the server',
  restart: 'restarts on a persistent store (declare them with --target-restartable)',
  replicas: 'several replicas on one store (declare them with --target-replicas N)',
  rounds: 'heartbeat rounds of its own (declare them with --target-heartbeat S)',
};

/** Splits scenarios into those this target can run and those needing powers it lacks, each with the reason. */
export function runnableOn(target: Target, scenarios: ScenarioDefinition[]) {
  const missing = (s: ScenarioDefinition) => (s.needs ?? []).filter((n) => !target.capabilities.has(n));
  const runnable = scenarios.filter((s) => missing(s).length === 0);
  const skipped = scenarios
    .filter((s) => missing(s).length > 0)
    .map((scenario) => ({ scenario, reason: `needs ${missing(scenario).map((n) => CAPABILITY_WORDS[n]).join(' and ')}, which ${target.name.startsWith('external server') ? 'this external server has not declared' : `${target.name} does not offer`}` }));
  return { runnable, skipped };
}
