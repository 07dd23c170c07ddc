import type { OidcSimOptions } from '../../oidc-sim/index.js';
import type { ResourceWorld } from './resource-world.js';

/** What a resource-server scenario needs the target to have declared; without it the scenario is skipped, saying how. */
export type ResourceDeclaration = 'revocation-cache';

/** A scenario of the resource-server mode: OAuth-client windows against an MCP server that is a resource server. */
export interface ResourceScenario {
  /** Kebab-case id used on the command line: `oidc-harness run --mode resource-server <id>`. */
  id: string;
  title: string;
  /** What it encodes: the MCP spec section or security best practice. */
  seeds: string[];
  tags: string[];
  /** The simulator this scenario's world needs (over the resource world's own, RESOURCE_WORLD_SIM). */
  sim?: OidcSimOptions;
  needs?: ResourceDeclaration[];
  run(world: ResourceWorld): Promise<void>;
}

export function defineResourceScenario(definition: ResourceScenario): ResourceScenario {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) throw new Error(`scenario id '${definition.id}' must be kebab-case`);
  return definition;
}
