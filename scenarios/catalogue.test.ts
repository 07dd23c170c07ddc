import { describe, expect, it } from 'vitest';
import { flawNames } from '../mcp-server/index.js';
import { catalogue } from './catalog/index.js';
import { expectedCatches } from './expected-catches.js';
import { referenceServer } from './reference-server.js';
import { runCatalogue } from './runner.js';

/**
 * The regression suite CI runs: the reference server holds every invariant in every scenario, and every flaw of
 * the switchboard is caught by the scenario meant for it, with the invariant meant for it.
 */
const expectedCatch = Object.fromEntries(Object.entries(expectedCatches).map(([flaw, c]) => [flaw, [c.scenario, c.invariant] as const]));
const repeat = Number(process.env.HARNESS_REPEAT ?? 1);

describe('the catalogue against the reference server', () => {
  it('names an expected catch for every flaw of the switchboard', () => {
    expect(Object.keys(expectedCatch).sort()).toEqual([...flawNames].sort());
  });

  it('holds every invariant in every scenario', { timeout: 600_000 }, async () => {
    const run = await runCatalogue({ scenarios: catalogue, seed: 11, repeat, flaws: [], server: referenceServer(), target: 'reference server' });
    const failures = run.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.id} (seed ${s.seed}): ${s.error?.message ?? s.verdicts.filter((v) => !v.holds).map((v) => v.message).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('holds every invariant against every provider profile preset', { timeout: 900_000 }, async () => {
    const failures: string[] = [];
    for (const profile of ['auth0', 'okta', 'keycloak', 'hydra', 'entra', 'google'] as const) {
      const run = await runCatalogue({ scenarios: catalogue, seed: 5, repeat: 1, flaws: [], server: referenceServer(), target: 'reference server', sim: { profile } });
      failures.push(...run.scenarios.filter((s) => s.status !== 'passed').map((s) => `${profile}: ${s.id} ${s.error?.message ?? s.verdicts.filter((v) => !v.holds).map((v) => v.message).join('; ')}`));
    }
    expect(failures).toEqual([]);
  });

  it('catches every flaw with the scenario and invariant meant for it, in every repetition', { timeout: 900_000 }, async () => {
    // Each flaw on its own scenario; `oidc-harness matrix` runs the full cross product.
    const misses: string[] = [];
    for (const [flaw, [id, invariant]] of Object.entries(expectedCatch)) {
      const run = await runCatalogue({ scenarios: catalogue.filter((s) => s.id === id), seed: 23, repeat, flaws: [flaw], server: referenceServer(), target: 'reference server' });
      for (const r of run.scenarios) {
        const failed = r.verdicts.filter((v) => !v.holds).map((v) => v.invariant);
        if (r.status !== 'failed' || !failed.includes(invariant)) misses.push(`${flaw} on ${id} (seed ${r.seed}): ${r.status}, failed [${failed.join(', ')}]${r.error ? `, error ${r.error.message}` : ''}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
