// npx tsx bench/fuzz.ts [--runs N] [--seed S] [target ...]: fast-check fuzzing of the MCP endpoint, the control API,
// the OIDC endpoints' form bodies and CLI parsing (issue 13 #11); prints inputs, crashes, 5xx, hangs per target.
// Exit 1 when any target had a crash, a 5xx, a hang or an error answer without a message.
import { parseArgs } from 'node:util';
import { fuzz, fuzzTargets } from './fuzz-targets.js';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } }, allowPositionals: true });
const runs = Number(values.runs);
const seed = Number(values.seed);
const unknown = positionals.filter((p) => !fuzzTargets.some((t) => t.name === p));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || unknown.length) {
  process.stderr.write(`usage: npx tsx bench/fuzz.ts [--runs N] [--seed S] [${fuzzTargets.map((t) => t.name).join(' | ')} ...]\n`);
  process.exit(2);
}
const selected = positionals.length ? fuzzTargets.filter((t) => positionals.includes(t.name)) : fuzzTargets;
let bad = 0;
process.stdout.write(`${'target'.padEnd(16)}${'inputs'.padStart(8)}${'crashes'.padStart(9)}${'5xx'.padStart(6)}${'hangs'.padStart(7)}${'unclear'.padStart(9)}${'seconds'.padStart(9)}\n`);
for (const target of selected) {
  const started = performance.now();
  const t = await fuzz(target, runs, seed);
  const s = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${target.name.padEnd(16)}${String(t.inputs).padStart(8)}${String(t.crashes).padStart(9)}${String(t['5xx']).padStart(6)}${String(t.hangs).padStart(7)}${String(t.unclear).padStart(9)}${s.padStart(9)}\n`);
  for (const e of t.examples) process.stdout.write(`    ${e}\n`);
  bad += t.crashes + t['5xx'] + t.hangs + t.unclear;
}
process.exit(bad ? 1 : 0);
