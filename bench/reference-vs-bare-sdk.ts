import type { Benchmark, BenchContext, Row } from './benchmark.js';
import type { McpInfo } from './bench-target.js';
import { compareMeasures } from './compare.js';
import { summarize, throughput, type Measure } from './measure.js';
import { openSessions } from './mcp-sessions.js';
import type { McpWindow } from './mcp-window.js';
import { ServerProcess } from './server-process.js';
import type { ServerSpec } from './server-spec.js';

const KB = 1024;

/** Tool calls against already open sessions, each worker on its own session. */
function toolCalls(windows: McpWindow[], maxOps: number): Measure {
  return (maxMs) => throughput(windows.length, { maxOps, maxMs }, (w) => windows[w]!.call('session_status').then((r) => r.ok, () => false));
}

/** RSS and heap per idle session: fresh process, gc, open `count` sessions, gc, divide the growth. */
async function bytesPerSession(ctx: BenchContext, spec: ServerSpec, count: number, sim?: ServerProcess): Promise<{ rss: number; heap: number }> {
  const server = await ServerProcess.start<McpInfo>(spec, ['--expose-gc']);
  try {
    await openSessions(server, 2, sim); // load the code paths once, so the figure is per session, not start-up
    await server.gc();
    const before = await server.stats();
    ctx.progress(`${spec.kind}: opening ${count} idle${sim ? ' authenticated' : ''} sessions`);
    const windows = await openSessions(server, count, sim);
    await server.gc();
    const after = await server.stats();
    await Promise.all(windows.map((w) => w.close()));
    return { rss: (after.rss - before.rss) / count, heap: (after.heapUsed - before.heapUsed) / count };
  } finally {
    await server.close();
  }
}

export const referenceVsBareSdk: Benchmark = {
  name: 'reference-vs-bare-sdk',
  title: 'reference MCP server vs bare SDK Streamable HTTP server',
  async run(ctx) {
    const { idleSessions, sliceOps } = ctx.settings;
    ctx.progress('starting oidc-sim, the reference server and a bare SDK server');
    const sim = await ServerProcess.start({ kind: 'sim', options: { timeScale: 1, userCount: idleSessions } });
    const referenceSpec: ServerSpec = { kind: 'mcp-reference', issuer: sim.info.issuer, client: sim.info.client, resourceUrl: sim.info.resourceUrl! };
    const reference = await ServerProcess.start<McpInfo>(referenceSpec);
    const bare = await ServerProcess.start<McpInfo>({ kind: 'mcp-bare' });
    const windows: McpWindow[] = [];
    try {
      const rows: Row[] = [];
      for (const sessions of [1, 50]) {
        ctx.progress(`opening ${sessions} authenticated session(s) on the reference server`);
        const r = await openSessions(reference, sessions, sim);
        const b = await openSessions(bare, sessions);
        windows.push(...r, ...b);
        const metric = `tool calls/s (session_status), ${sessions} session${sessions > 1 ? 's' : ''}`;
        rows.push(await compareMeasures(ctx, metric, { name: 'reference', measure: toolCalls(r, sliceOps) }, { name: 'bare SDK', measure: toolCalls(b, sliceOps) }, { op: '>=', value: 0.8 }));
      }
      const refBytes = await bytesPerSession(ctx, referenceSpec, idleSessions, sim);
      const bareBytes = await bytesPerSession(ctx, { kind: 'mcp-bare' }, idleSessions);
      const perSession = (what: 'rss' | 'heap', label: string, target?: Row['target']): Row => {
        // RSS moves in pages and with the allocator's mood; a growth at or below zero says nothing per session.
        const measurable = refBytes[what] > 0 && bareBytes[what] > 0;
        return {
          metric: `${label} per idle session over ${idleSessions} sessions`,
          unit: ' KB',
          project: summarize([refBytes[what] / KB]),
          baseline: summarize([bareBytes[what] / KB]),
          baselineName: 'bare SDK',
          ...(measurable ? { ratio: summarize([refBytes[what] / bareBytes[what]]), target } : { note: 'growth below what RSS can resolve at this session count; use the full run' }),
        };
      };
      rows.push(perSession('rss', 'RSS', { op: '<=', value: 1.25 }), perSession('heap', 'heap used'));
      return {
        rows,
        notes: [
          'same SDK client for both; the reference server\'s sessions are logged in (device flow, one simulator user each) and its heartbeat timer runs; the bare server has no login, store or provider',
          'session_status makes no upstream call on either server; memory is one measurement (fresh process each, gc before and after), not a median',
        ],
      };
    } finally {
      await Promise.all(windows.map((w) => w.close().catch(() => undefined)));
      await Promise.all([reference.close(), bare.close()]);
      await sim.close();
    }
  },
};
