import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { flawNames } from '../mcp-server/index.js';
import { catalogue } from './catalog/index.js';
import { blackBoxCatches, blackBoxGaps } from './expected-catches.js';
import { externalServer } from './external-server.js';
import { runScenario } from './run-scenario.js';

const bin = new URL('./bin.js', import.meta.url).pathname;
const pgUrl = process.env.HARNESS_PG_URL;
const byId = new Map(catalogue.map((s) => [s.id, s]));

/** How the reference server is started by command for one flaw: the declarations its catch needs, in the command. */
interface Served {
  flaw?: string;
  heartbeatSeconds?: number;
  /** Copies on one PostgreSQL schema of their own (created here, dropped after). */
  schema?: string;
}
const serve = ({ flaw, heartbeatSeconds, schema }: Served) => {
  const store = schema ? ` --port {port} --store '${pgUrl}?options=-c%20search_path%3D${schema}'` : '';
  const key = schema ? `OIDC_HARNESS_MASTER_KEY=${randomBytes(32).toString('base64')} ` : '';
  return `${key}"${process.execPath}" "${bin}" serve --issuer {issuer} --client-id {clientId} --client-secret {clientSecret} --resource-url {resourceUrl} --device-poll-interval 0.05 --quiet${heartbeatSeconds ? ` --heartbeat-interval ${heartbeatSeconds}` : ''}${store}${flaw ? ` --flaw ${flaw}` : ''}`;
};

/** Runs `id` against the reference server started by command as `served` declares; replicas get a fresh schema. */
async function runServed(id: string, served: Served & { replicas?: number }) {
  const schema = served.replicas ? `harness_bb_${randomBytes(6).toString('hex')}` : undefined;
  const sql = async (query: string) => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  if (schema) await sql(`CREATE SCHEMA "${schema}"`);
  try {
    const declared = { ...(served.heartbeatSeconds ? { heartbeatPeriodMs: served.heartbeatSeconds * 1000 } : {}), ...(served.replicas ? { replicas: served.replicas } : {}) };
    return await runScenario(byId.get(id)!, { seed: 29, flaws: [], server: externalServer(serve({ ...served, ...(schema ? { schema } : {}) }), declared) });
  } finally {
    if (schema) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

/** Replica catches need PostgreSQL (two processes share one store): skipped without it, required under CI. */
const runnable = Object.entries(blackBoxCatches).filter(([, c]) => !c.replicas || pgUrl || process.env.CI === 'true');

/**
 * The flaw matrix, black-box (reduced: one seed, each flaw on its own scenario): the reference server started as an
 * external process with `--flaw X` is caught from MCP windows and the simulator's levers alone.
 */
describe('the flaw matrix against servers started by command', () => {
  it('accounts for every flaw: caught black-box, or a stated reason why only in process', () => {
    expect([...Object.keys(blackBoxCatches), ...Object.keys(blackBoxGaps)].sort()).toEqual([...flawNames].sort());
  });

  it('catches each black-box flaw with the scenario and invariant named for it', { timeout: 1_800_000 }, async () => {
    const misses: string[] = [];
    for (const [flaw, { scenario, invariant, ...declared }] of runnable) {
      const r = await runServed(scenario, { flaw, ...declared });
      const violated = r.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant);
      if (r.status !== 'failed' || !violated.includes(invariant)) misses.push(`${flaw} on ${scenario}: ${r.status} [${violated.join(', ')}] ${r.error?.message ?? r.reason ?? ''}`);
    }
    expect(misses).toEqual([]);
  });

  it('passes the clean server on the scenarios that need a declaration, declared the same way', { timeout: 900_000 }, async () => {
    const declaring = runnable.filter(([, c]) => c.heartbeatSeconds || c.replicas);
    const outcomes: string[] = [];
    for (const [, { scenario, invariant: _, ...declared }] of declaring) {
      const r = await runServed(scenario, declared);
      outcomes.push(`${scenario}: ${r.status}${r.reason ? ` (${r.reason})` : ''}${r.error ? ` ${r.error.message}` : ''}`);
    }
    expect(outcomes).toEqual(declaring.map(([, c]) => `${c.scenario}: passed`));
  });
});
