import { describe, expect, it } from 'vitest';
import { flawNames } from '../../mcp-server/index.js';
import { exploreUsage } from '../commands/explore.js';
import { expectedCatches } from '../expected-catches.js';
import { catalogueOnlyFlaws, catalogueOnlyNotes } from './catalogue-only.js';

describe('flaws only the catalogue catches', () => {
  it('are switchboard flaws with a catalogue scenario of their own, each with a reason', () => {
    expect(Object.keys(catalogueOnlyFlaws)).toEqual(['tight-heartbeat']);
    for (const [flaw, why] of Object.entries(catalogueOnlyFlaws)) {
      expect(flawNames).toContain(flaw);
      expect(expectedCatches[flaw]?.scenario).toBeTruthy();
      expect(why.length).toBeGreaterThan(40);
    }
  });

  it("get a note naming the catalogue's scenario when explored, and no other flaw does; explore's help names them", () => {
    expect(catalogueOnlyNotes(['tight-heartbeat', 'activation-race'])).toEqual([
      expect.stringMatching(/^note: tight-heartbeat is caught by the catalogue only \(scenario network-delay-during-heartbeat, invariant refresh-in-time\): explore cannot show it, a start-up check/),
    ]);
    expect(catalogueOnlyNotes(flawNames.filter((f) => !catalogueOnlyFlaws[f]))).toEqual([]);
    expect(exploreUsage).toMatch(/caught by the catalogue only, never\s+by explore: tight-heartbeat/);
  });
});
