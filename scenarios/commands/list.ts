import { catalogue } from '../catalog/index.js';
import { invariants } from '../invariants/index.js';
import { parse } from './parse.js';

export const listUsage = `oidc-harness list [--json]

Lists the scenario catalogue (id, seeds, title) and the invariants checked over every run.`;

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(listUsage);
    return 0;
  }
  if (values.json) {
    console.log(JSON.stringify({ scenarios: catalogue.map(({ id, title, seeds, tags }) => ({ id, title, seeds, tags })), invariants: invariants.map(({ name, holds }) => ({ name, holds })) }, null, 2));
    return 0;
  }
  const width = Math.max(...catalogue.map((s) => s.id.length));
  console.log('Scenarios:');
  for (const s of catalogue) console.log(`  ${s.id.padEnd(width)}  ${s.title}  [${s.seeds.join(', ')}]`);
  console.log('\nInvariants:');
  for (const i of invariants) console.log(`  ${i.name.padEnd(18)} ${i.holds}`);
  return 0;
}
