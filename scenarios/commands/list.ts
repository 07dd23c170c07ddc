import { catalogue } from '../catalog/index.js';
import { invariants } from '../invariants/index.js';
import { parse } from './parse.js';
import { modeArgs } from './mode.js';

export const listUsage = `oidc-harness list [--json] [--mode resource-server]

Lists the scenario catalogue (id, seeds, title) and the invariants checked over every run; with --mode
resource-server, that mode's scenarios, invariants and flaws.`;

export async function listCommand(argv: string[]): Promise<number> {
  const mode = modeArgs(argv);
  const { values } = parse(mode.rest, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(listUsage);
    return 0;
  }
  if (mode.resource) return (await import('../resource-mode/list-resource-command.js')).listResourceMode(values.json === true);
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
