import { test as base } from 'vitest';
import { createOidcSim, type OidcSim, type OidcSimOptions } from '../../oidc-sim/index.js';
import type { ScenarioDefinition } from '../define-scenario.js';
import type { ScenarioResult } from '../result-types.js';
import { runScenario } from '../run-scenario.js';
import { selectScenarios } from '../select-scenarios.js';
import type { ServerHandle } from '../server-handle.js';
import { resolveTarget } from '../targets.js';
import { World, WORLD_SIM_DEFAULTS } from '../world.js';
import { harnessDefaults } from '../defaults.js';

/** Options a file or suite sets with `test.override({ ... })`; each has a documented default. */
export interface HarnessOptions {
  /** The world's seed: the simulator's users and every seeded choice (default `harnessDefaults.seed`, 1). */
  seed: number;
  /** Flaws of the reference server to switch on (default none); refused with `serverCmd`. */
  flaws: string[];
  /**
   * Your own MCP server, started per test by this command (the `oidc-harness run --server-cmd` template: {issuer},
   * {clientId}, {clientSecret}, {resourceUrl}, {publicClientId}, {port}). Default `$OIDC_HARNESS_SERVER_CMD`; unset:
   * the reference server, in process.
   */
  serverCmd: string | undefined;
  /** Simulator options over the world's defaults (refresh tokens outlive the test; see oidc-sim/defaults.ts). */
  simOptions: OidcSimOptions;
}

export interface HarnessFixtures extends HarnessOptions {
  /** A fresh simulator per test, on loopback, port 0. */
  sim: OidcSim;
  /** The MCP server under test, pointed at `sim`: the reference server, or `serverCmd`'s process. */
  server: ServerHandle;
  /** The world over `sim` and `server`: windows, gates, faults, one history; judge it with the matchers. */
  world: World;
  /** Runs a catalogue scenario (by id) or your own `defineScenario(...)` in a fresh world against the same target. */
  runScenario: (scenario: ScenarioDefinition | string) => Promise<ScenarioResult>;
}

/**
 * vitest's `test`, with the harness's fixtures. Each is set up only when a test names it, and torn down after it
 * (windows, then server, then simulator), whatever the test's outcome.
 */
export const test = base.extend<HarnessFixtures>({
  seed: harnessDefaults.seed,
  flaws: [],
  serverCmd: process.env.OIDC_HARNESS_SERVER_CMD || undefined,
  simOptions: {},
  sim: async ({ seed, simOptions }, use) => {
    const sim = await createOidcSim({ ...WORLD_SIM_DEFAULTS, seed, ...simOptions });
    try {
      await use(sim);
    } finally {
      await sim.close();
    }
  },
  server: async ({ sim, seed, flaws, serverCmd }, use) => {
    const target = await resolveTarget({ flaws, ...(serverCmd ? { serverCmd } : {}) });
    const server = await target.factory({ sim, flaws, seed, options: {} });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
  world: async ({ sim, server, seed }, use) => {
    const world = World.attach({ sim, server, seed });
    try {
      await use(world);
    } finally {
      await world.close();
    }
  },
  runScenario: async ({ seed, flaws, serverCmd, simOptions }, use) => {
    await use(async (scenario) => {
      const target = await resolveTarget({ flaws, ...(serverCmd ? { serverCmd } : {}) });
      const definition = typeof scenario === 'string' ? selectScenarios([scenario])[0]! : scenario;
      return runScenario(definition, { seed, flaws, server: target.factory, sim: simOptions });
    });
  },
});

export const it = test;
