import type { Benchmark, Row } from './benchmark.js';
import { summarize } from './measure.js';
import { ServerProcess } from './server-process.js';
import type { HostStats } from './server-spec.js';
import { refreshStorm } from './storm.js';

/**
 * Lifetimes scaled by 0.1: refresh token 3 s, access token 1 s, expired records kept 3 s; grants and sessions
 * (100 s before scaling) end after 10 s, so abandoned logins must be evicted within the storm as well.
 */
const STORM_SIM_OPTIONS = { timeScale: 0.1, lifetimes: { grant: 100, session: 100 } };
const CHAIN_MS = 2_000;
const MB = 2 ** 20;

/** RSS split into V8's heap (used, held), memory outside it (Buffers), and the rest (code, native allocations). */
function memoryLine(name: string, m: HostStats): string {
  const mb = (n: number) => (n / MB).toFixed(0);
  return `${name}: heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)} held, external ${mb(m.external)}, rest ${mb(m.rss - m.heapTotal - m.external)}`;
}

interface Sample extends HostStats {
  seconds: number;
}

/** oidc-sim's memory under a refresh storm, in a process of its own, against its own start: expired records must go. */
export const stormRss: Benchmark = {
  name: 'storm-rss',
  title: 'oidc-sim RSS under a refresh storm',
  async run(ctx) {
    const { stormMs, sampleEveryMs, warmupMs, concurrency } = ctx.settings;
    const sim = await ServerProcess.start({ kind: 'sim', options: STORM_SIM_OPTIONS }, ['--expose-gc']);
    try {
      const settled = async () => (await sim.gc(), sim.stats());
      const cold = await settled();
      ctx.progress(`warm-up storm ${warmupMs} ms`);
      await refreshStorm(sim, { workers: concurrency, maxMs: warmupMs, chainMs: CHAIN_MS });
      const start = await settled();

      ctx.progress(`storm: ${concurrency} clients for ${stormMs / 1000} s`);
      const t0 = performance.now();
      const series: Sample[] = [{ seconds: 0, ...start }];
      const sampler = setInterval(() => {
        void sim.stats().then((s) => series.push({ seconds: (performance.now() - t0) / 1000, ...s }));
      }, sampleEveryMs);
      const storm = await refreshStorm(sim, { workers: concurrency, maxMs: stormMs, chainMs: CHAIN_MS }).finally(() => clearInterval(sampler));
      const end = await settled();
      series.push({ seconds: (performance.now() - t0) / 1000, ...end });

      const lt = sim.info.lifetimes!;
      const settleMs = (Math.max(lt.refreshToken, lt.grant, lt.session) + lt.refreshToken) * 1000 + 2_000;
      ctx.progress(`waiting ${settleMs / 1000} s for the last records to expire and be evicted`);
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const quiet = await settled();
      series.push({ seconds: (performance.now() - t0) / 1000, ...quiet });

      const peak = Math.max(...series.map((s) => s.rss));
      const mbRow = (metric: string, value: number, target?: Row['target']): Row => ({
        metric,
        unit: ' MB',
        project: summarize([value / MB]),
        baseline: summarize([start.rss / MB]),
        baselineName: 'start RSS',
        ratio: summarize([value / start.rss]),
        target,
      });
      const rows: Row[] = [
        mbRow('RSS at end of storm, after gc', end.rss, { op: '<=', value: 2 }),
        mbRow('RSS peak during storm', peak),
        mbRow(`RSS ${(settleMs / 1000).toFixed(0)} s after the storm, after gc`, quiet.rss),
        {
          metric: 'heap used at end, after gc',
          unit: ' MB',
          project: summarize([end.heapUsed / MB]),
          baseline: summarize([start.heapUsed / MB]),
          baselineName: 'start heap',
          ratio: summarize([end.heapUsed / start.heapUsed]),
        },
        { metric: 'refresh grants/s during storm', unit: '/s', project: summarize([storm.perSecond]), note: `${storm.ops} refreshes, ${storm.errors} rejected, ${storm.logins} logins` },
      ];
      const records = series.map((s) => `${s.seconds.toFixed(0)}s:${s.storedRecords}`).join(' ');
      return {
        rows,
        notes: [
          `cold RSS (after start, gc) ${(cold.rss / MB).toFixed(1)} MB; start = after a ${warmupMs} ms warm-up storm and gc; refresh token ${lt.refreshToken} s, grant ${lt.grant} s, a client logs in anew every ${CHAIN_MS / 1000} s`,
          `stored records over time (s:records): ${records}`,
          `where the RSS is (MB, after gc): ${[['start', start], ['end of storm', end], ['after the records expired', quiet]].map(([name, m]) => memoryLine(name as string, m as HostStats)).join('; ')}`,
        ],
        extra: { cold, start, end, quiet, peakRss: peak, series, storm },
      };
    } finally {
      await sim.close();
    }
  },
};
