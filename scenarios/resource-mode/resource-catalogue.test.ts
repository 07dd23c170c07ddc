import { describe, expect, it } from 'vitest';
import { resourceFlawNames } from '../../mcp-server/index.js';
import { harnessDefaults } from '../defaults.js';
import type { ScenarioResult } from '../result-types.js';
import { resourceCatalogue } from './catalog/index.js';
import { resourceExpectedCatches } from './resource-expected-catches.js';
import { referenceResourceServer } from './resource-targets.js';
import { runResourceScenario } from './run-resource-scenario.js';

const scenario = (id: string) => resourceCatalogue.find((s) => s.id === id)!;
/** The reference as `run --mode resource-server` drives it: its validation cache at the lifetime it declares. */
const declared = harnessDefaults.referenceRevocationCacheSeconds;
const reference = () => ({ server: referenceResourceServer({ validationCacheSeconds: declared }), revocationCacheSeconds: declared });
const revocationScenarios = resourceCatalogue.filter((s) => s.needs?.includes('revocation-cache'));
const outcomeOf = (r: ScenarioResult, invariant: string) => r.verdicts.find((v) => v.invariant === invariant)?.outcome;
const explain = (r: ScenarioResult) => `${r.id}: ${r.status} ${r.error?.message ?? ''} ${r.verdicts.filter((v) => v.outcome !== 'held').map((v) => `${v.invariant}=${v.outcome}: ${v.message}`).join('; ')}`;

describe('the resource-server catalogue in process', () => {
  it('names a catching scenario for every flaw of the resource switchboard', () => {
    expect(Object.keys(resourceExpectedCatches).sort()).toEqual([...resourceFlawNames].sort());
    for (const { scenario: id } of Object.values(resourceExpectedCatches)) expect(scenario(id), id).toBeDefined();
  });

  it('passes the reference resource server clean on every scenario, each invariant judged', async () => {
    for (const s of resourceCatalogue) {
      const r = await runResourceScenario(s, { seed: 1, flaws: [], ...reference() });
      expect(r.status, explain(r)).toBe('passed');
      expect(r.verdicts.every((v) => v.outcome === 'held'), explain(r)).toBe(true);
    }
  }, 120_000);

  it.each(Object.entries(resourceExpectedCatches))('catches %s with its scenario and invariant', async (flaw, { scenario: id, invariant }) => {
    const r = await runResourceScenario(scenario(id), { seed: 1, flaws: [flaw], ...reference() });
    expect(r.status, explain(r)).toBe('failed');
    expect(outcomeOf(r, invariant), explain(r)).toBe('violated');
    expect(r.replay).toContain('--mode resource-server');
  }, 60_000);

  it.each(revocationScenarios.map((s) => s.id))('catches a validation cache that outlives revocation with %s, judged on the declared lifetime', async (id) => {
    const r = await runResourceScenario(scenario(id), { seed: 2, flaws: ['validation-cache-outlives-revocation'], ...reference() });
    expect(r.status, explain(r)).toBe('failed');
    const verdict = r.verdicts.find((v) => v.invariant === 'revocation-honoured')!;
    expect(verdict.outcome, explain(r)).toBe('violated');
    expect(verdict.message).toContain(`declared validation-cache lifetime ${declared} s`);
    // The revocation landed while alice's call was held upstream: the gate's hold comes before it in the history.
    const held = r.history.findIndex((e) => e.type === 'fault.gate.held');
    const revoked = r.history.findIndex((e) => e.source.kind === 'sim' && ['token.revoked', 'grant.revoked', 'token.expired'].includes(e.type));
    const released = r.history.findIndex((e) => e.type === 'fault.gate.released');
    expect(held).toBeGreaterThanOrEqual(0);
    expect(held < revoked && revoked < released, explain(r)).toBe(true);
  }, 60_000);

  it('skips the revocation scenarios for a target that declared no cache lifetime, naming the declaration', async () => {
    for (const s of revocationScenarios) {
      const r = await runResourceScenario(s, { seed: 1, flaws: [], server: referenceResourceServer() });
      expect(r.status).toBe('skipped');
      expect(r.reason).toContain('--target-revocation-cache SECONDS');
    }
  });
});
