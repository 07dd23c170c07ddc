import { describe, expect, it } from 'vitest';
import { flawNames } from '../mcp-server/index.js';
import { catalogue } from './catalog/index.js';
import { blackBoxCatches, blackBoxGaps } from './expected-catches.js';
import { externalServer } from './external-server.js';
import { runScenario } from './run-scenario.js';

const bin = new URL('./bin.js', import.meta.url).pathname;
const serve = (flaw?: string) =>
  `"${process.execPath}" "${bin}" serve --issuer {issuer} --client-id {clientId} --client-secret {clientSecret} --resource-url {resourceUrl} --device-poll-interval 0.05 --quiet${flaw ? ` --flaw ${flaw}` : ''}`;
const byId = new Map(catalogue.map((s) => [s.id, s]));

/**
 * The flaw matrix, black-box (reduced: one seed, each flaw on its own scenario): the reference server started as an
 * external process with `--flaw X` is caught from MCP windows and the simulator's levers alone.
 */
describe('the flaw matrix against servers started by command', () => {
  it('accounts for every flaw: caught black-box, or a stated reason why only in process', () => {
    expect([...Object.keys(blackBoxCatches), ...Object.keys(blackBoxGaps)].sort()).toEqual([...flawNames].sort());
  });

  it('catches each black-box flaw with the scenario and invariant named for it', { timeout: 900_000 }, async () => {
    const misses: string[] = [];
    for (const [flaw, { scenario, invariant }] of Object.entries(blackBoxCatches)) {
      const r = await runScenario(byId.get(scenario)!, { seed: 29, flaws: [], server: externalServer(serve(flaw)) });
      const violated = r.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant);
      if (r.status !== 'failed' || !violated.includes(invariant)) misses.push(`${flaw} on ${scenario}: ${r.status} [${violated.join(', ')}] ${r.error?.message ?? r.reason ?? ''}`);
    }
    expect(misses).toEqual([]);
  });
});
