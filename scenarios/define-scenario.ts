import type { OidcSimOptions } from '../oidc-sim/index.js';
import type { WorldFor } from './world-powers.js';

export type Capability = 'heartbeat' | 'holds' | 'restart' | 'replicas' | 'rounds';

export interface ScenarioDefinition<N extends readonly Capability[] = readonly Capability[]> {
  /** Kebab-case id used on the command line: `oidc-harness run <id>`. */
  id: string;
  title: string;
  /** Seed references this scenario encodes, e.g. ['001#1', '001 scenario 4']. */
  seeds: string[];
  tags: string[];
  /** Options for the world this scenario needs (simulator options; server overrides). */
  world?: {
    sim?: OidcSimOptions;
    server?: Record<string, unknown>;
    /** The server may refuse `server` options as unsafe; then the world starts it with its defaults and says so. */
    serverMayRefuse?: boolean;
  };
  /**
   * What the scenario drives beyond MCP: `heartbeat` (a round on demand), `holds` (the server's pause points),
   * `restart` (the server restarted on its store), `replicas` (several servers on one store), `rounds` (heartbeat
   * rounds of the server's own: run on demand in process, or awaited when the target declares its period with
   * `--target-heartbeat`). Against a server that lacks one, such scenarios are skipped with the reason.
   */
  needs?: N;
  /**
   * The scenario runs for seconds where most take a fraction of one (a restart, replicas, a crowd of windows): a run
   * starts such worlds first, so the others fill the lanes around them instead of one finishing alone at the end.
   * Only the order worlds start in changes; results keep the catalogue's order.
   */
  long?: boolean;
  /** Invariants not meaningful here (e.g. no-reuse when the scenario forces a provider-side failure). */
  skipInvariants?: string[];
  /** Its type shows which white-box powers it uses: only those named in `needs` (see world-powers.ts). */
  run(world: WorldFor<N>): Promise<void>;
}

/** One file per scenario under catalog/: the file should read like the seed bullet it encodes. */
export function defineScenario<const N extends readonly Capability[] = []>(definition: ScenarioDefinition<N>): ScenarioDefinition {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) throw new Error(`scenario id '${definition.id}' must be kebab-case`);
  return definition as unknown as ScenarioDefinition;
}
