import { describe, expect, it } from 'vitest';
import { fuzz, mcpEndpoint } from '../../bench/fuzz-targets.js';

// Bounded for CI; `npx tsx bench/fuzz.ts mcp-endpoint` runs 10 000 inputs.
describe('the MCP endpoint under fuzzed requests (fast-check)', () => {
  it('answers every request without a crash, a 5xx or a hang, and every error with a message', async () => {
    const tally = await fuzz(mcpEndpoint, 60, 13);
    expect(tally.examples).toEqual([]);
    expect(tally).toMatchObject({ inputs: 60, crashes: 0, '5xx': 0, hangs: 0, unclear: 0 });
  });
});
