import { describe, expect, it } from 'vitest';
import { flawNames } from '../mcp-server/index.js';
import { catalogue } from './catalog/index.js';
import { blackBoxCatches, blackBoxGaps } from './expected-catches.js';
import { externalServer } from './external-server.js';
import { runScenario } from './run-scenario.js';

const bin = new URL('./bin.js', import.meta.url).pathname;
const serve = (flaw?: string, heartbeatSeconds?: number) =>
  `"${process.execPath}" "${bin}" serve --issuer {issuer} --client-id {clientId} --client-secret {clientSecret} --resource-url {resourceUrl} --device-poll-interval 0.05 --quiet${heartbeatSeconds ? ` --heartbeat-interval ${heartbeatSeconds}` : ''}${flaw ? ` --flaw ${flaw}` : ''}`;
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
    for (const [flaw, { scenario, invariant, heartbeatSeconds }] of Object.entries(blackBoxCatches)) {
      const declared = heartbeatSeconds ? { heartbeatPeriodMs: heartbeatSeconds * 1000 } : {};
      const r = await runScenario(byId.get(scenario)!, { seed: 29, flaws: [], server: externalServer(serve(flaw, heartbeatSeconds), declared) });
      const violated = r.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant);
      if (r.status !== 'failed' || !violated.includes(invariant)) misses.push(`${flaw} on ${scenario}: ${r.status} [${violated.join(', ')}] ${r.error?.message ?? r.reason ?? ''}`);
    }
    expect(misses).toEqual([]);
  });

  it('passes the clean server on the scenarios that hold its declared heartbeat rounds', { timeout: 300_000 }, async () => {
    const declaredRounds = [...new Set(Object.values(blackBoxCatches).filter((c) => c.heartbeatSeconds).map((c) => c.scenario))];
    const outcomes: string[] = [];
    for (const id of declaredRounds) {
      const r = await runScenario(byId.get(id)!, { seed: 29, flaws: [], server: externalServer(serve(undefined, 1), { heartbeatPeriodMs: 1000 }) });
      outcomes.push(`${id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}${r.error ? ` ${r.error.message}` : ''}`);
    }
    expect(outcomes).toEqual(declaredRounds.map((id) => `${id}: passed`));
  });
});
