import type { Benchmark, Row } from './benchmark.js';
import { fuzz, fuzzTargets } from './fuzz-targets.js';
import { summarize } from './measure.js';

/**
 * `npm run bench -- fuzz`: every fuzz target with 10 000 inputs (1 000 with --quick), seed 1. Not a speed figure:
 * each row is a count of bad answers (crashes, 5xx, hangs, error answers without a message), held to 0.
 * `npx tsx bench/fuzz.ts` runs the same targets alone and prints the table.
 */
export const fuzzBench: Benchmark = {
  name: 'fuzz',
  title: 'fuzz: fast-check inputs to the MCP endpoint, the control API, the OIDC form bodies and CLI parsing',
  async run(ctx) {
    const runs = ctx.settings.quick ? 1_000 : 10_000;
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const target of fuzzTargets) {
      ctx.progress(`fuzzing ${target.name} with ${runs} inputs`);
      const t = await fuzz(target, runs, 1);
      for (const [what, n] of [['crashes', t.crashes], ['5xx answers', t['5xx']], ['hangs', t.hangs], ['errors without a message', t.unclear]] as const) {
        rows.push({ metric: `${target.name}: ${what} in ${t.inputs} inputs`, unit: 'count', project: summarize([n]), target: { op: '<=', value: 0, of: 'measured' }, digits: 0 });
      }
      notes.push(...t.examples.map((e) => `${target.name}: ${e}`));
    }
    return { rows, notes };
  },
};
