import { describe, expect, it } from 'vitest';
import { controlApi, formBodies, fuzz } from '../bench/fuzz-targets.js';

// Bounded for CI; `npx tsx bench/fuzz.ts control-api oidc-forms` runs 10 000 inputs each.
describe('the simulator under fuzzed requests (fast-check)', () => {
  it('the control API answers every request without a crash, a 5xx or a hang, and every error with a description', async () => {
    const tally = await fuzz(controlApi, 60, 13);
    expect(tally.examples).toEqual([]);
    expect(tally).toMatchObject({ inputs: 60, crashes: 0, '5xx': 0, hangs: 0, unclear: 0 });
  });

  it("the OIDC endpoints answer every form body with the provider's answer or an OAuth JSON error, never a 5xx", async () => {
    const tally = await fuzz(formBodies, 60, 13);
    expect(tally.examples).toEqual([]);
    expect(tally).toMatchObject({ inputs: 60, crashes: 0, '5xx': 0, hangs: 0, unclear: 0 });
  });
});
