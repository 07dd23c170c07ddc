import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../result-types.js';
import { resourceCatalogue } from './catalog/index.js';
import { resourceExpectedCatches } from './resource-expected-catches.js';
import { externalResourceServer } from './resource-targets.js';
import { runResourceScenario } from './run-resource-scenario.js';
import { pool } from '../../support/index.js';

const bin = new URL('../bin.js', import.meta.url).pathname;
/** The reference resource server as a stranger's would be started: every value from the placeholders. */
const serve = (flaw?: string) =>
  `"${process.execPath}" "${bin}" serve --auth bearer --issuer {issuer} --resource {resource} --port {port} --jwks-uri {jwksUri} --api-url {apiUrl} --service-client-id {serviceClientId} --service-client-secret {serviceClientSecret} --introspection-url {introspectionUrl} --validation-cache 1 --quiet${flaw ? ` --flaw ${flaw}` : ''}`;
const byId = new Map(resourceCatalogue.map((s) => [s.id, s]));
const explain = (r: ScenarioResult) => `${r.id}: ${r.status} ${r.error?.message ?? ''} ${r.verdicts.filter((v) => v.outcome !== 'held').map((v) => `${v.invariant}=${v.outcome}: ${v.message}`).join('; ')}`;

/** The same verdicts from outside: the reference resource server started by command, judged from windows and the ledger. */
describe('the resource-server catalogue against a server started by command', () => {
  it('passes the clean server on every scenario and catches each flaw with its scenario and invariant', { timeout: 600_000 }, async () => {
    const jobs = [
      ...resourceCatalogue.map((s) => ({ scenario: s, flaw: undefined as string | undefined, invariant: undefined as string | undefined })),
      ...Object.entries(resourceExpectedCatches).map(([flaw, c]) => ({ scenario: byId.get(c.scenario)!, flaw, invariant: c.invariant })),
      // The other revocation scenario, from outside: the ledger's revocation and the declared lifetime (--validation-cache 1).
      { scenario: byId.get('rs-grant-ended-mid-request')!, flaw: 'validation-cache-outlives-revocation', invariant: 'revocation-honoured' },
    ];
    const results = await pool(jobs, 2, async (job) => ({ job, r: await runResourceScenario(job.scenario, { seed: 7, flaws: [], server: externalResourceServer(serve(job.flaw)), revocationCacheSeconds: 1 }) }));
    const misses: string[] = [];
    for (const { job, r } of results) {
      if (!job.flaw && r.status !== 'passed') misses.push(`clean ${explain(r)}`);
      const violated = r.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant);
      if (job.flaw && (r.status !== 'failed' || !violated.includes(job.invariant!))) misses.push(`${job.flaw} ${explain(r)}`);
    }
    expect(misses).toEqual([]);
  });
});
