import type { BenchContext, Row, Target } from './benchmark.js';
import { pairedRounds, type Measure } from './measure.js';
import { refreshRate } from './refresh-rate.js';
import type { ServerProcess } from './server-process.js';

export interface Contender {
  name: string;
  server: ServerProcess;
}

/** One table row: the same load against both servers, untimed warm-up first, then alternating rounds. */
function compare(ctx: BenchContext, metric: string, project: Contender, baseline: Contender, load: (s: ServerProcess) => Measure, target?: Target): Promise<Row> {
  return compareMeasures(ctx, metric, { name: project.name, measure: load(project.server) }, { name: baseline.name, measure: load(baseline.server) }, target);
}

/** Like compare, for loads that are not against a token server (an MCP endpoint, say). */
export async function compareMeasures(
  ctx: BenchContext,
  metric: string,
  project: { name: string; measure: Measure },
  baseline: { name: string; measure: Measure },
  target?: Target,
): Promise<Row> {
  const { rounds, roundMs, sliceMs, warmupMs } = ctx.settings;
  const errors = { project: 0, baseline: 0 };
  const counted = (who: keyof typeof errors, measure: Measure): Measure => async (maxMs) => {
    const t = await measure(maxMs);
    errors[who] += t.errors;
    return t;
  };
  const p = counted('project', project.measure);
  const b = counted('baseline', baseline.measure);
  ctx.progress(`${metric}: warm-up`);
  await p(warmupMs);
  await b(warmupMs);
  errors.project = errors.baseline = 0;
  const paired = await pairedRounds({ count: rounds, roundMs, sliceMs }, p, b, (r) => ctx.progress(`${metric}: round ${r + 1}/${rounds}`));
  const failed = errors.project + errors.baseline;
  return {
    metric,
    unit: '/s',
    ...paired,
    baselineName: baseline.name,
    target,
    note: failed ? `rejected operations: ${errors.project} (${project.name}), ${errors.baseline} (${baseline.name})` : undefined,
  };
}

export function compareRefresh(ctx: BenchContext, workers: number, project: Contender, baseline: Contender, target?: Target): Promise<Row> {
  const metric = workers === 1 ? 'refresh grants/s, sequential' : `refresh grants/s, ${workers} concurrent`;
  return compare(ctx, metric, project, baseline, (s) => refreshRate(s, workers, ctx.settings.sliceOps), target);
}

export function compareLogins(ctx: BenchContext, project: Contender, baseline: Contender, target?: Target): Promise<Row> {
  const maxOps = Math.ceil(ctx.settings.sliceOps / 10);
  return compare(ctx, 'logins/s (code + PKCE), sequential', project, baseline, (s) => (maxMs) => s.timeLogins(maxOps, maxMs), target);
}
