import { describe, expect, it } from 'vitest';
import { resourceFlawNames } from '../../mcp-server/index.js';
import type { RunResult } from '../result-types.js';
import { runCli } from '../testing/run-cli.js';
import { resourceCatalogue } from './catalog/index.js';
import { resourceInvariants } from './invariants/index.js';

describe('the resource-server mode on the command line', () => {
  it('list --mode resource-server names every scenario, invariant and flaw of the mode, each flaw with its catching scenario', async () => {
    const { code, stdout } = await runCli('list', '--mode', 'resource-server', '--json');
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { scenarios: Array<{ id: string; needs?: string[] }>; invariants: Array<{ name: string }>; flaws: Array<{ name: string; caughtBy: { scenario: string } }> };
    expect(listed.scenarios.map((s) => s.id)).toEqual(resourceCatalogue.map((s) => s.id));
    expect(listed.scenarios.find((s) => s.id === 'rs-logout-mid-request')?.needs).toEqual(['revocation-cache']);
    expect(listed.invariants.map((i) => i.name)).toEqual(resourceInvariants.map((i) => i.name));
    expect(listed.flaws.map((f) => f.name)).toEqual(resourceFlawNames);
    for (const f of listed.flaws) expect(listed.scenarios.map((s) => s.id)).toContain(f.caughtBy.scenario);
  });

  it('refuses a revocation cache lifetime that is not a number of seconds, exit 2', async () => {
    const { code, stderr } = await runCli('run', '--mode', 'resource-server', '--target-revocation-cache', 'soon');
    expect(code).toBe(2);
    expect(stderr).toContain("--target-revocation-cache must be seconds >= 0, got 'soon'");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('matrix --mode resource-server runs the flaw in process against each scenario and shows it caught, the clean column held', async () => {
    const { code, stdout, stderr } = await runCli('matrix', '--mode', 'resource-server', 'rs-logout-mid-request', 'rs-two-users-isolated', '--flaw', 'validation-cache-outlives-revocation', '--json', '--concurrency', '1');
    expect(code, stderr).toBe(0);
    const { matrix } = JSON.parse(stdout) as RunResult;
    expect(matrix!.flaws).toEqual(['validation-cache-outlives-revocation']);
    expect(matrix!.cells['validation-cache-outlives-revocation']).toEqual({ 'rs-logout-mid-request': ['revocation-honoured'], 'rs-two-users-isolated': [] });
    expect(matrix!.falseAlarms).toEqual([]);
    expect(stderr).toContain('rs-logout-mid-request (revocation-honoured)');
  }, 120_000);
});
