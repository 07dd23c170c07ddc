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

interface Round {
  cold: HostStats;
  start: HostStats;
  end: HostStats;
  quiet: HostStats;
  peakRss: number;
  settleMs: number;
  lifetimes: { refreshToken: number; grant: number };
  series: Sample[];
  storm: Awaited<ReturnType<typeof refreshStorm>>;
}

/** One storm against a simulator in a fresh process: its memory at start, at the end, and once every record expired. */
async function stormRound(ctx: Parameters<Benchmark['run']>[0], label: string): Promise<Round> {
  const { stormMs, sampleEveryMs, warmupMs, concurrency } = ctx.settings;
  const sim = await ServerProcess.start({ kind: 'sim', options: STORM_SIM_OPTIONS }, ['--expose-gc']);
  try {
    const settled = async () => (await sim.gc(), sim.stats());
    const cold = await settled();
    ctx.progress(`${label}warm-up storm ${warmupMs} ms`);
    await refreshStorm(sim, { workers: concurrency, maxMs: warmupMs, chainMs: CHAIN_MS });
    const start = await settled();

    ctx.progress(`${label}storm: ${concurrency} clients for ${stormMs / 1000} s`);
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
    ctx.progress(`${label}waiting ${settleMs / 1000} s for the last records to expire and be evicted`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const quiet = await settled();
    series.push({ seconds: (performance.now() - t0) / 1000, ...quiet });
    return { cold, start, end, quiet, peakRss: Math.max(...series.map((x) => x.rss)), settleMs, lifetimes: lt, series, storm };
  } finally {
    await sim.close();
  }
}

/**
 * oidc-sim's memory under a refresh storm, in a process of its own, against its own start: expired records must go.
 * Medians over `stormRounds` storms, each in a fresh process: how much of its heap V8 keeps after a storm varies
 * from one process to the next (one storm gave 1.56× and the next 2.09× on the same build).
 */
export const stormRss: Benchmark = {
  name: 'storm-rss',
  title: 'oidc-sim RSS under a refresh storm',
  async run(ctx) {
    const { stormRounds, warmupMs } = ctx.settings;
    const rounds: Round[] = [];
    for (let r = 0; r < stormRounds; r++) rounds.push(await stormRound(ctx, stormRounds > 1 ? `round ${r + 1}/${stormRounds}: ` : ''));
    const first = rounds[0]!;
    const over = (value: (r: Round) => number) => summarize(rounds.map(value));
    const mbRow = (metric: string, value: (r: Round) => number, target?: Row['target']): Row => ({
      metric,
      unit: ' MB',
      project: over((r) => value(r) / MB),
      baseline: over((r) => r.start.rss / MB),
      baselineName: 'start RSS',
      ratio: over((r) => value(r) / r.start.rss),
      target,
    });
    const rows: Row[] = [
      mbRow('RSS at end of storm, after gc', (r) => r.end.rss, { op: '<=', value: 2 }),
      mbRow('RSS peak during storm', (r) => r.peakRss),
      mbRow(`RSS ${(first.settleMs / 1000).toFixed(0)} s after the storm, after gc`, (r) => r.quiet.rss),
      {
        metric: 'heap used at end, after gc',
        unit: ' MB',
        project: over((r) => r.end.heapUsed / MB),
        baseline: over((r) => r.start.heapUsed / MB),
        baselineName: 'start heap',
        ratio: over((r) => r.end.heapUsed / r.start.heapUsed),
      },
      {
        metric: 'refresh grants/s during storm',
        unit: '/s',
        project: over((r) => r.storm.perSecond),
        note: rounds.map((r) => `${r.storm.ops} refreshes, ${r.storm.errors} rejected, ${r.storm.logins} logins`).join('; '),
      },
    ];
    const lt = first.lifetimes;
    const records = first.series.map((x) => `${x.seconds.toFixed(0)}s:${x.storedRecords}`).join(' ');
    return {
      rows,
      notes: [
        `medians over ${rounds.length} storm(s), each against a simulator in a fresh process; start = after a ${warmupMs} ms warm-up storm and gc (cold RSS after start and gc: ${rounds.map((r) => (r.cold.rss / MB).toFixed(1)).join(', ')} MB); refresh token ${lt.refreshToken} s, grant ${lt.grant} s, a client logs in anew every ${CHAIN_MS / 1000} s`,
        `stored records over time in the first storm (s:records): ${records}`,
        ...rounds.map((r, i) => `where the RSS is, storm ${i + 1} (MB, after gc): ${[['start', r.start], ['end of storm', r.end], ['after the records expired', r.quiet]].map(([name, m]) => memoryLine(name as string, m as HostStats)).join('; ')}`),
      ],
      extra: { rounds },
    };
  },
};
