import { describe, expect, it } from 'vitest';
import { selectScenarios } from './select-scenarios.js';
import { referenceServer } from './reference-server.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioResult } from './result-types.js';

/** A witness as a reader sees it: which events, not where they happened to land in the numbering. */
const witnessOf = (r: ScenarioResult) =>
  r.verdicts.filter((v) => !v.holds).map((v) => ({ invariant: v.invariant, events: v.witness.map((seq) => `${JSON.stringify(r.history[seq]!.source)} ${r.history[seq]!.type}`) }));

describe('replay', () => {
  it('reproduces the same verdict and witness from the printed seed and flaw', async () => {
    const [scenario] = selectScenarios(['dual-windows-different-users']);
    const first = await runScenario(scenario!, { seed: 42, flaws: ['global-active-session'], server: referenceServer() });
    expect(first.status).toBe('failed');
    expect(first.replay).toBe('npx oidc-harness run dual-windows-different-users --seed 42 --flaw global-active-session');
    const again = await runScenario(scenario!, { seed: 42, flaws: ['global-active-session'], server: referenceServer() });
    expect(again.status).toBe('failed');
    expect(witnessOf(again)).toEqual(witnessOf(first));
  });

  it('reports a scenario that throws as a harness error, never as a failed invariant', async () => {
    const broken = { id: 'broken', title: 'throws', seeds: [], tags: [], run: async () => { throw new Error('scenario bug'); } };
    const result = await runScenario(broken, { seed: 1, flaws: [], server: referenceServer() });
    expect(result).toMatchObject({ status: 'error', error: { message: 'scenario bug' }, verdicts: [] });
  });
});
