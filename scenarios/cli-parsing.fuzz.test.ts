import { describe, expect, it } from 'vitest';
import { cliParsing, fuzz } from '../bench/fuzz-targets.js';

// Bounded for CI; `npx tsx bench/fuzz.ts cli-parsing` runs 10 000 inputs.
describe('CLI option and scenario parsing under fuzzed arguments (fast-check)', () => {
  it('either parses or throws the user error with a message, never anything else', async () => {
    const tally = await fuzz(cliParsing, 300, 13);
    expect(tally.examples).toEqual([]);
    expect(tally).toMatchObject({ inputs: 300, crashes: 0, unclear: 0 });
  });
});
