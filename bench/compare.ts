import type { BenchContext, Row, Target } from './benchmark.js';
import { pairedRounds, type Throughput } from './measure.js';
import { refreshRate } from './refresh-rate.js';
import type { ServerProcess } from './server-process.js';

export interface Contender {
  name: string;
  server: ServerProcess;
}

/** A load against one server for at most `maxMs`; its operation bound comes from the settings. */
type Load = (server: ServerProcess, maxMs: number) => Promise<Throughput>;

/** One table row: the same load against both servers, untimed warm-up first, then alternating rounds. */
async function compare(ctx: BenchContext, metric: string, project: Contender, baseline: Contender, load: Load, target?: Target): Promise<Row> {
  const { rounds, roundMs, warmupMs } = ctx.settings;
  const errors = { project: 0, baseline: 0 };
  const measure = (who: keyof typeof errors, server: ServerProcess) => async () => {
    const t = await load(server, roundMs);
    errors[who] += t.errors;
    return t.perSecond;
  };
  ctx.progress(`${metric}: warm-up`);
  await load(project.server, warmupMs);
  await load(baseline.server, warmupMs);
  const paired = await pairedRounds(rounds, measure('project', project.server), measure('baseline', baseline.server), (r) =>
    ctx.progress(`${metric}: round ${r + 1}/${rounds}`),
  );
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
  const maxOps = ctx.settings.roundOps;
  return compare(ctx, metric, project, baseline, (s, maxMs) => refreshRate(s, workers, { maxOps, maxMs }), target);
}

export function compareLogins(ctx: BenchContext, project: Contender, baseline: Contender, target?: Target): Promise<Row> {
  const maxOps = Math.ceil(ctx.settings.roundOps / 10);
  return compare(ctx, 'logins/s (code + PKCE), sequential', project, baseline, (s, maxMs) => s.timeLogins(maxOps, maxMs), target);
}
