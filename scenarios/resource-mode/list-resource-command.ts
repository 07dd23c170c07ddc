import { resourceFlawNames, resourceFlawRegistry } from '../../mcp-server/index.js';
import { resourceCatalogue } from './catalog/index.js';
import { resourceInvariants } from './invariants/index.js';
import { resourceExpectedCatches } from './resource-expected-catches.js';

/** `oidc-harness list --mode resource-server`: the mode's scenarios, invariants and flaws (with the scenario that catches each). */
export function listResourceMode(json: boolean): number {
  const scenarios = resourceCatalogue.map(({ id, title, seeds, tags, needs }) => ({ id, title, seeds, tags, ...(needs?.length ? { needs } : {}) }));
  const invariants = resourceInvariants.map(({ name, holds }) => ({ name, holds }));
  const flaws = resourceFlawNames.map((name) => ({ name, summary: resourceFlawRegistry[name].summary, caughtBy: resourceExpectedCatches[name] }));
  if (json) {
    console.log(JSON.stringify({ mode: 'resource-server', scenarios, invariants, flaws }, null, 2));
    return 0;
  }
  const width = Math.max(...scenarios.map((s) => s.id.length));
  console.log('Scenarios (run --mode resource-server):');
  for (const s of scenarios) console.log(`  ${s.id.padEnd(width)}  ${s.title}  [${s.seeds.join(', ')}]${s.needs ? ` (needs --target-revocation-cache for an external server)` : ''}`);
  console.log('\nInvariants:');
  for (const i of invariants) console.log(`  ${i.name.padEnd(19)} ${i.holds}`);
  console.log('\nFlaws of the reference resource server (serve --auth bearer --flaw NAME):');
  const flawWidth = Math.max(...flaws.map((f) => f.name.length));
  for (const f of flaws) console.log(`  ${f.name.padEnd(flawWidth)}  ${f.summary}; caught by ${f.caughtBy.scenario} (${f.caughtBy.invariant})`);
  return 0;
}
