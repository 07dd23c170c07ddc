import type { Benchmark, BenchContext, Row } from './benchmark.js';
import type { McpInfo } from './bench-target.js';
import { summarize } from './measure.js';
import { RawMcp } from './raw-mcp.js';
import { ServerProcess } from './server-process.js';
import type { HostStats } from './server-spec.js';
import { serverDefaults } from '../mcp-server/index.js';
import { pool as sharedPool } from '../support/index.js';

/** The server's default heartbeat interval and refresh-token lifetime, before timeScale: read, never repeated. */
const HEARTBEAT_INTERVAL_S = serverDefaults.heartbeat.intervalSeconds;
const REFRESH_LIFETIME_S = serverDefaults.heartbeat.refreshTokenLifetimeSeconds;
const CONNECTIONS = 32;
const LOGIN_CONCURRENCY = 16;
const ATTACH_CONCURRENCY = 32;
const LOGIN_TIMEOUT_MS = 30_000;
const SWEEP_MS = 120_000;
const MB = 2 ** 20;
const KB = 1024;

interface Window {
  seconds: number;
  server: HostStats;
  sim: HostStats;
  providerRefreshes: number;
  serverCounts: Record<string, number>;
}

/** `count` items through `work` with `workers` at once (the one shared pool), skipping those not started by `deadline`; resolves with how many were started. */
async function pool(count: number, workers: number, deadline: number, work: (i: number) => Promise<void>): Promise<number> {
  const started = await sharedPool(Array.from({ length: count }, (_, i) => i), workers, async (i) => {
    if (performance.now() >= deadline) return false;
    await work(i);
    return true;
  });
  return started.filter(Boolean).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const delta = (a: Record<string, number>, b: Record<string, number>, key: string) => (b[key] ?? 0) - (a[key] ?? 0);

/**
 * 10 000 MCP sessions (1 000 with --quick) on the reference server, held while its heartbeat keeps every user's
 * refresh token alive. Users log in through the `login` tool and the simulator's device approval; the other
 * sessions attach to them with `resume`. Sessions are bare JSON-RPC over one undici pool (raw-mcp.ts), so the load
 * generator stays small; the server and the simulator each run in a process of their own.
 */
export const scale: Benchmark = {
  name: 'scale',
  title: 'scale: authenticated MCP sessions held with heartbeats (reference server)',
  async run(ctx) {
    const { scaleSessions: sessions, scaleUsers, scaleHoldMs: holdMs, scaleOpenMs, scaleTimeScale: timeScale } = ctx.settings;
    const users = Math.min(scaleUsers, sessions);
    const HEARTBEAT_INTERVAL_MS = HEARTBEAT_INTERVAL_S * 1000 * timeScale;
    ctx.progress(`starting oidc-sim (${users} users) and the reference server, time scale ${timeScale}`);
    const sim = await ServerProcess.start({ kind: 'sim', options: { timeScale, userCount: users }, countEvents: true }, ['--expose-gc']);
    let server: ServerProcess<McpInfo> | undefined;
    let client: RawMcp | undefined;
    try {
      server = await ServerProcess.start<McpInfo>(
        { kind: 'mcp-reference', issuer: sim.info.issuer, client: sim.info.client, resourceUrl: sim.info.resourceUrl!, tuning: { timeScale }, countEvents: true },
        ['--expose-gc'],
      );
      const srv = server;
      const settled = async (p: ServerProcess<unknown>) => (await p.gc(), p.stats());
      const [serverStart, simStart] = [await settled(srv), await settled(sim)];
      client = new RawMcp(srv.info.url, CONNECTIONS);
      const raw = client;
      const errors = { open: 0, login: 0, resume: 0, keepalive: 0, notAuthenticated: 0 };
      const firstError: Record<string, string> = {};
      const fail = (kind: keyof typeof errors, err: unknown) => {
        errors[kind]++;
        firstError[kind] ??= err instanceof Error ? err.message : String(err);
      };
      const sessionIds: string[] = [];
      const resumeTokens: string[] = [];
      const usernames = sim.info.usernames!.slice(0, users);
      const openDeadline = performance.now() + scaleOpenMs;

      // 1. One device login per user: open, login tool, approval at the simulator, wait for authenticated.
      ctx.progress(`logging in ${users} users (device flow, ${LOGIN_CONCURRENCY} at once)`);
      const loginStarted = performance.now();
      await pool(users, LOGIN_CONCURRENCY, openDeadline, async (i) => {
        try {
          const sid = await raw.open();
          const started = await raw.callTool(sid, 'login');
          if (!started.ok) throw new Error(`login tool: ${JSON.stringify(started.body)}`);
          await sim.approveDevice(String(started.body.user_code), usernames[i]!);
          const until = performance.now() + LOGIN_TIMEOUT_MS;
          for (;;) {
            const status = (await raw.callTool(sid, 'session_status')).body.status;
            if (status === 'authenticated') break;
            if (status !== 'pending' || performance.now() > until) throw new Error(`login ended ${String(status)}`);
            await sleep(25);
          }
          sessionIds.push(sid);
          resumeTokens.push(String(started.body.resume_token));
        } catch (err) {
          fail('login', err);
        }
      });
      const loginSeconds = (performance.now() - loginStarted) / 1000;
      if (resumeTokens.length === 0) throw new Error(`bench: no user could log in (${firstError.login ?? 'time bound reached'})`);

      // 2. The other sessions attach to those users with their resume tokens.
      const attach = sessions - sessionIds.length;
      ctx.progress(`attaching ${attach} more sessions with resume (${ATTACH_CONCURRENCY} at once)`);
      const attachStarted = performance.now();
      let serverSessions = sessionIds.length;
      const attempted = await pool(attach, ATTACH_CONCURRENCY, openDeadline, async (i) => {
        let sid: string;
        try {
          sid = await raw.open();
          serverSessions++;
        } catch (err) {
          return fail('open', err);
        }
        try {
          const r = await raw.callTool(sid, 'resume', { resume_token: resumeTokens[i % resumeTokens.length]! });
          if (!r.ok || r.body.status !== 'authenticated') throw new Error(`resume: ${JSON.stringify(r.body)}`);
          sessionIds.push(sid);
        } catch (err) {
          fail('resume', err);
        }
        if ((i + 1) % 2_000 === 0) ctx.progress(`  ${i + 1}/${attach} attached`);
      });
      const attachSeconds = (performance.now() - attachStarted) / 1000;
      const held = sessionIds.length;
      const opened = await settled(srv);

      // 3. Hold: the heartbeat timer runs; every session sends one keepalive tool call, paced over the hold.
      ctx.progress(`holding ${held} sessions for ${holdMs / 1000} s (heartbeat every ${HEARTBEAT_INTERVAL_MS / 1000} s)`);
      const sample = async (t0: number): Promise<Window> => {
        const [s, p, simCounts, serverCounts] = await Promise.all([srv.stats(), sim.stats(), sim.counters(), srv.counters()]);
        return { seconds: (performance.now() - t0) / 1000, server: s, sim: p, providerRefreshes: simCounts['token.refreshed'] ?? 0, serverCounts };
      };
      const t0 = performance.now();
      const holdEnd = t0 + holdMs;
      const windows: Window[] = [await sample(t0)];
      const sampler = (async () => {
        while (performance.now() + HEARTBEAT_INTERVAL_MS <= holdEnd + 50) {
          await sleep(t0 + windows.length * HEARTBEAT_INTERVAL_MS - performance.now());
          windows.push(await sample(t0));
        }
      })();
      const keepaliveEveryMs = holdMs / Math.max(1, held);
      let keepalives = 0;
      await pool(held, 16, holdEnd, async (i) => {
        await sleep(t0 + i * keepaliveEveryMs - performance.now());
        try {
          const r = await raw.callTool(sessionIds[i]!, 'session_status');
          if (r.body.status !== 'authenticated') throw new Error(`status ${String(r.body.status)}`);
          keepalives++;
        } catch (err) {
          fail('keepalive', err);
        }
      });
      await sampler;
      const holdSeconds = (windows[windows.length - 1]!.seconds - windows[0]!.seconds) || holdMs / 1000;

      // 4. After the hold, every session must still be authenticated.
      ctx.progress(`checking all ${held} sessions`);
      await pool(held, ATTACH_CONCURRENCY, performance.now() + SWEEP_MS, async (i) => {
        try {
          const r = await raw.callTool(sessionIds[i]!, 'session_status');
          if (r.body.status !== 'authenticated') throw new Error(`status ${String(r.body.status)}`);
        } catch (err) {
          fail('notAuthenticated', err);
        }
      });
      const [simEnd, serverEnd] = [await sim.counters(), await srv.counters()];
      const serverFinal = await settled(srv);

      const first = windows[0]!;
      const last = windows[windows.length - 1]!;
      const perWindow = windows.slice(1).map((w, i) => ((w.providerRefreshes - windows[i]!.providerRefreshes) / (w.seconds - windows[i]!.seconds)));
      const expectedRate = usernames.length / (HEARTBEAT_INTERVAL_MS / 1000);
      const providerFailures = ['refresh.rejected', 'reuse.detected', 'expired.use'].map((k) => `${k} ${simEnd[k] ?? 0}`).join(', ');
      const hb = (k: string) => delta(first.serverCounts, last.serverCounts, k);
      const heartbeatErrors = hb('refresh.failed.heartbeat') + hb('heartbeat.skipped') + hb('needs_reauth') + hb('server.error');
      const totalErrors = Object.values(errors).reduce((a, b) => a + b, 0) + heartbeatErrors + (simEnd['reuse.detected'] ?? 0) + (simEnd['refresh.rejected'] ?? 0);
      const series = (pick: (w: Window) => number) => summarize(windows.map(pick));

      const rows: Row[] = [
        {
          metric: `sessions authenticated after the hold (of ${sessions} planned, ${usernames.length} users)`,
          unit: '',
          digits: 0,
          project: summarize([held - errors.notAuthenticated]),
          baseline: summarize([sessions]),
          baselineName: 'planned',
          ratio: summarize([(held - errors.notAuthenticated) / sessions]),
          target: { op: '>=', value: 1 },
          ...(attempted < attach ? { note: `the opening time bound (${scaleOpenMs / 1000} s) stopped attaching after ${attempted} of ${attach}` } : {}),
        },
        {
          metric: 'errors (open, login, resume, keepalive, final check, heartbeat, provider)',
          unit: '',
          digits: 0,
          project: summarize([totalErrors]),
          target: { op: '<=', value: 0, of: 'measured' },
          note: `open ${errors.open}, login ${errors.login}, resume ${errors.resume}, keepalive ${errors.keepalive}, not authenticated at the end ${errors.notAuthenticated}; server during hold: refresh.failed ${hb('refresh.failed.heartbeat')}, heartbeat.skipped ${hb('heartbeat.skipped')}, needs_reauth ${hb('needs_reauth')}, server.error ${hb('server.error')}; provider over the run: ${providerFailures}${Object.keys(firstError).length ? `; first errors: ${JSON.stringify(firstError)}` : ''}`,
        },
        {
          metric: `refreshes/s at the provider (sim ledger), per ${HEARTBEAT_INTERVAL_MS / 1000} s window`,
          unit: '/s',
          project: summarize(perWindow.length ? perWindow : [0]),
          baseline: summarize([expectedRate]),
          baselineName: 'users ÷ interval',
          ratio: summarize((perWindow.length ? perWindow : [0]).map((r) => r / expectedRate)),
          target: { op: '>=', value: 0.9 },
          note: `${last.providerRefreshes - first.providerRefreshes} refreshes in ${holdSeconds.toFixed(1)} s; server: ${hb('refresh.succeeded.heartbeat')} heartbeat refreshes in ${hb('heartbeat.finished')} cycles, ${hb('refresh.succeeded.tool')} by tool calls; longest cycle over the run ${((serverEnd['heartbeat.maxCycleMs'] ?? 0) / 1000).toFixed(1)} s`,
        },
        {
          metric: 'server RSS while held, per window',
          unit: ' MB',
          project: series((w) => w.server.rss / MB),
          baseline: summarize([serverStart.rss / MB]),
          baselineName: 'empty server',
          ratio: series((w) => w.server.rss / serverStart.rss),
        },
        {
          metric: 'server RSS per open session (after gc, before the hold)',
          unit: ' KB',
          project: summarize([(opened.rss - serverStart.rss) / serverSessions / KB]),
          note: `heap used per session ${((opened.heapUsed - serverStart.heapUsed) / serverSessions / KB).toFixed(1)} KB; ${serverSessions} sessions open on the server (including any whose resume failed)`,
        },
        {
          metric: 'server heap used while held, per window',
          unit: ' MB',
          project: series((w) => w.server.heapUsed / MB),
          baseline: summarize([opened.heapUsed / MB]),
          baselineName: 'after opening (gc)',
          ratio: series((w) => w.server.heapUsed / opened.heapUsed),
          note: `after the hold and the final check, with gc: ${(serverFinal.heapUsed / MB).toFixed(0)} MB heap, ${(serverFinal.rss / MB).toFixed(0)} MB RSS`,
        },
        {
          metric: 'oidc-sim RSS while held, per window',
          unit: ' MB',
          project: series((w) => w.sim.rss / MB),
          baseline: summarize([simStart.rss / MB]),
          baselineName: 'sim start',
          ratio: series((w) => w.sim.rss / simStart.rss),
          note: `stored records at the end ${last.sim.storedRecords ?? '?'}; ledger events recorded ${Object.values(simEnd).reduce((a, b) => a + b, 0)}`,
        },
        {
          metric: 'sessions opened/s (initialize + resume)',
          unit: '/s',
          project: summarize([attempted / attachSeconds]),
          note: `device logins: ${resumeTokens.length} in ${loginSeconds.toFixed(1)} s`,
        },
      ];
      return {
        rows,
        notes: [
          `one run (${held} sessions are too many to open per round); the per-window figures are medians [min–max] over the ${windows.length - 1} heartbeat windows of the hold, RSS over ${windows.length} samples`,
          `both servers at time scale ${timeScale}: heartbeat every ${HEARTBEAT_INTERVAL_MS / 1000} s, refresh tokens ${REFRESH_LIFETIME_S * timeScale} s; the server's other defaults (heartbeat concurrency ${serverDefaults.heartbeat.concurrency}, latency margin ${serverDefaults.heartbeat.latencyMarginSeconds * timeScale} s)`,
          `each session sends one session_status during the hold (${(held / (holdMs / 1000)).toFixed(0)}/s, ${keepalives} answered authenticated); sessions are bare JSON-RPC over ${CONNECTIONS} pooled connections`,
          `server events counted over the run: ${JSON.stringify(serverEnd)}`,
        ],
        extra: { windows, errors, firstError, simCounts: simEnd, serverCounts: serverEnd, serverStart, simStart, opened, serverFinal },
      };
    } finally {
      await client?.close().catch(() => undefined);
      await server?.close();
      await sim.close();
    }
  },
};
