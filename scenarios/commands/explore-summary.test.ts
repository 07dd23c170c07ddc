import { describe, expect, it } from 'vitest';
import { coverageOf, type ExploreResult } from '../explore/explore.js';
import type { ScenarioResult } from '../result-types.js';
import { summaryLines } from './explore.js';

const result = (status: ScenarioResult['status'], reason?: string) => ({ status, history: [], verdicts: [], ...(reason ? { reason } : {}) }) as unknown as ScenarioResult;

describe("explore's summary", () => {
  it('names each of the first inconclusive cases with its reason and replay line, and counts them all', () => {
    const statuses: Array<[ScenarioResult['status'], string?]> = [['passed'], ['inconclusive', 'gated race: its calls wait at the server, but on nothing the gate holds'], ['passed']];
    for (let i = 0; i < 6; i++) statuses.push(['inconclusive', `reason ${i}`]);
    const coverage = coverageOf(
      statuses.map(() => ({ steps: [] })),
      statuses.map(([s, why]) => result(s, why)),
    );
    expect(coverage.statuses).toEqual({ passed: 2, inconclusive: 7 });
    expect(coverage.inconclusive.map((c) => c.index)).toEqual([1, 3, 4, 5, 6]);
    const r: ExploreResult = { seed: 9, explored: statuses.length, durationMs: 1000, coverage, interrupted: false };
    const lines = summaryLines(r, (path) => `npx oidc-harness explore --seed 9 --replay ${path}`);
    expect(lines[0]).toContain('2 passed, 0 failed, 7 inconclusive');
    expect(lines).toContain('  inconclusive: case 2: gated race: its calls wait at the server, but on nothing the gate holds (replay: npx oidc-harness explore --seed 9 --replay 1)');
    expect(lines.filter((l) => l.startsWith('  inconclusive: '))).toHaveLength(5);
    // A replay's own summary names no replay line.
    expect(summaryLines(r).find((l) => l.startsWith('  inconclusive: case 2'))).not.toContain('replay');
  });
});
