import { describe, expect, it } from 'vitest';
import { resourceFlawNames } from '../../mcp-server/index.js';
import type { ScenarioResult } from '../result-types.js';
import { resourceCatalogue } from './catalog/index.js';
import { resourceExpectedCatches } from './resource-expected-catches.js';
import { referenceResourceServer } from './resource-targets.js';
import { runResourceScenario } from './run-resource-scenario.js';

const scenario = (id: string) => resourceCatalogue.find((s) => s.id === id)!;
const outcomeOf = (r: ScenarioResult, invariant: string) => r.verdicts.find((v) => v.invariant === invariant)?.outcome;
const explain = (r: ScenarioResult) => `${r.id}: ${r.status} ${r.error?.message ?? ''} ${r.verdicts.filter((v) => v.outcome !== 'held').map((v) => `${v.invariant}=${v.outcome}: ${v.message}`).join('; ')}`;

describe('the resource-server catalogue in process', () => {
  it('names a catching scenario for every flaw of the resource switchboard', () => {
    expect(Object.keys(resourceExpectedCatches).sort()).toEqual([...resourceFlawNames].sort());
    for (const { scenario: id } of Object.values(resourceExpectedCatches)) expect(scenario(id), id).toBeDefined();
  });

  it('passes the reference resource server clean on every scenario, each invariant judged', async () => {
    for (const s of resourceCatalogue) {
      const r = await runResourceScenario(s, { seed: 1, flaws: [], server: referenceResourceServer() });
      expect(r.status, explain(r)).toBe('passed');
      expect(r.verdicts.every((v) => v.outcome === 'held'), explain(r)).toBe(true);
    }
  }, 120_000);

  it.each(Object.entries(resourceExpectedCatches))('catches %s with its scenario and invariant', async (flaw, { scenario: id, invariant }) => {
    const r = await runResourceScenario(scenario(id), { seed: 1, flaws: [flaw], server: referenceResourceServer() });
    expect(r.status, explain(r)).toBe('failed');
    expect(outcomeOf(r, invariant), explain(r)).toBe('violated');
    expect(r.replay).toContain('--mode resource-server');
  }, 60_000);
});
