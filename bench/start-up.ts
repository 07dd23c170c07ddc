import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { simDefaults, type ClientCredentials, type Lifetimes } from '../oidc-sim/index.js';
import type { Benchmark, Row, Target } from './benchmark.js';
import { summarize } from './measure.js';
import { timeStart, type StartSample } from './process-start.js';
import type { ServerSpec } from './server-spec.js';

const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const BIN = dist('cli/bin.js');
const BARE_PROVIDER = dist('bench/bare-provider-main.js');
const JSON_LINE = /^\{"issuer"/;
const LISTENING = /listening on http/;
const MiB = 1024;

interface SimLine {
  issuer: string;
  resourceUrl: string;
  clients: { confidential: ClientCredentials; public: ClientCredentials };
  lifetimes: Lifetimes;
}

/**
 * What a user waits for and pays for each time a CI job or a test file starts the CLI: the bundled `oidc-harness`
 * (dist/cli/, built by `npm run bench`'s prebench step) beside a bare `node -e 0` started in the same round, and the
 * simulator's RSS at rest beside a bare oidc-provider configured like it, each in a process of its own.
 */
export const startUp: Benchmark = {
  name: 'start-up',
  title: 'CLI start-up: time and memory of list, sim and serve beside bare node; sim at rest beside bare oidc-provider',
  async run(ctx) {
    for (const file of [BIN, BARE_PROVIDER]) if (!existsSync(file)) throw new Error(`bench start-up: ${file} is missing; run 'npm run build' (npm run bench does it first)`);
    const restMs = ctx.settings.quick ? 1_000 : 2_000;
    // A simulator for `serve` to discover, running through all rounds; it also tells the bare provider its clients.
    const upstream = await startSim();
    // `oidc-harness sim` with no options, so the simulator's defaults.
    const bareSpec: Extract<ServerSpec, { kind: 'bare-provider' }> = { kind: 'bare-provider', options: {} };
    const serveArgs = ['serve', '--issuer', upstream.info.issuer, '--client-id', upstream.info.clients.confidential.clientId, '--client-secret', upstream.info.clients.confidential.clientSecret!, '--resource-url', upstream.info.resourceUrl];
    const s = { node: [] as StartSample[], list: [] as StartSample[], sim: [] as StartSample[], bare: [] as StartSample[], serve: [] as StartSample[] };
    try {
      for (let round = 0; round < ctx.settings.rounds; round++) {
        ctx.progress(`round ${round + 1}/${ctx.settings.rounds}`);
        s.node.push(await timeStart(['-e', '0']));
        s.list.push(await timeStart([BIN, 'list']));
        s.sim.push(await timeStart([BIN, 'sim'], { ready: JSON_LINE, restMs }));
        s.bare.push(await timeStart([BARE_PROVIDER, JSON.stringify(bareSpec)], { ready: JSON_LINE, restMs }));
        s.serve.push(await timeStart([BIN, ...serveArgs], { ready: LISTENING }));
      }
    } finally {
      upstream.child.kill('SIGTERM');
      await once(upstream.child, 'exit');
    }

    const node = s.node;
    const seconds = (x: StartSample[]) => summarize(x.map((v) => v.ms / 1000));
    const mib = (x: StartSample[], key: 'peakKiB' | 'restKiB') => summarize(x.map((v) => v[key]! / MiB));
    const ratio = (a: number[], b: number[]) => summarize(a.map((v, i) => v / b[i]!));
    const wallRow = (metric: string, x: StartSample[], target?: Target): Row => ({
      metric,
      unit: ' s',
      digits: 3,
      project: seconds(x),
      baseline: seconds(node),
      baselineName: 'node -e 0',
      ratio: ratio(x.map((v) => v.ms), node.map((v) => v.ms)),
      ...(target ? { target } : {}),
    });
    const peakRow = (metric: string, x: StartSample[], target?: Target): Row => ({
      metric,
      unit: ' MiB',
      project: mib(x, 'peakKiB'),
      baseline: mib(node, 'peakKiB'),
      baselineName: 'node -e 0',
      ratio: ratio(x.map((v) => v.peakKiB), node.map((v) => v.peakKiB)),
      ...(target ? { target } : {}),
    });
    // On a busy machine wall time is mostly waiting for a core; CPU time until ready is what the start itself costs.
    const cpuReadyRow = (metric: string, x: StartSample[]): Row => ({
      metric,
      unit: ' s',
      digits: 3,
      project: summarize(x.map((v) => (v.cpuReadyMs ?? Number.NaN) / 1000)),
      baseline: summarize(node.map((v) => v.cpuMs! / 1000)),
      baselineName: 'node -e 0 (to exit)',
      ratio: ratio(x.map((v) => v.cpuReadyMs ?? Number.NaN), node.map((v) => v.cpuMs!)),
    });
    const rows: Row[] = [
      wallRow('list: wall time to exit', s.list, { op: '<=', value: 3 }),
      peakRow('list: peak RSS', s.list, { op: '<=', value: 80, of: 'measured' }),
      {
        metric: 'list: CPU time (user + system)',
        unit: ' s',
        digits: 3,
        project: summarize(s.list.map((v) => v.cpuMs! / 1000)),
        baseline: summarize(node.map((v) => v.cpuMs! / 1000)),
        baselineName: 'node -e 0',
        ratio: ratio(s.list.map((v) => v.cpuMs!), node.map((v) => v.cpuMs!)),
      },
      wallRow('sim: wall time to its JSON line', s.sim, { op: '<=', value: 0.6, of: 'measured' }),
      cpuReadyRow('sim: CPU time until its JSON line', s.sim),
      // The same start beside the bare provider's: on a busy machine the absolute target says little, this ratio does.
      {
        metric: 'sim: wall time to its JSON line, beside bare oidc-provider',
        unit: ' s',
        digits: 3,
        project: seconds(s.sim),
        baseline: seconds(s.bare),
        baselineName: 'bare oidc-provider',
        ratio: ratio(s.sim.map((v) => v.ms), s.bare.map((v) => v.ms)),
      },
      {
        metric: 'sim: CPU time until its JSON line, beside bare oidc-provider',
        unit: ' s',
        digits: 3,
        project: summarize(s.sim.map((v) => (v.cpuReadyMs ?? Number.NaN) / 1000)),
        baseline: summarize(s.bare.map((v) => (v.cpuReadyMs ?? Number.NaN) / 1000)),
        baselineName: 'bare oidc-provider',
        ratio: ratio(s.sim.map((v) => v.cpuReadyMs ?? Number.NaN), s.bare.map((v) => v.cpuReadyMs ?? Number.NaN)),
      },
      peakRow('sim: peak RSS until its JSON line', s.sim),
      wallRow('serve: wall time until it listens', s.serve),
      cpuReadyRow('serve: CPU time until it listens', s.serve),
      peakRow('serve: peak RSS until it listens', s.serve),
      {
        metric: `sim: RSS at rest (${restMs / 1000} s after ready)`,
        unit: ' MiB',
        project: mib(s.sim, 'restKiB'),
        baseline: mib(s.bare, 'restKiB'),
        baselineName: 'bare oidc-provider',
        ratio: ratio(s.sim.map((v) => v.restKiB!), s.bare.map((v) => v.restKiB!)),
        target: { op: '<=', value: 1.3 },
        note: `bare oidc-provider ready in ${seconds(s.bare).median.toFixed(3)} s (median)`,
      },
    ];
    return {
      rows,
      notes: [
        `each figure a median over ${ctx.settings.rounds} rounds; in every round each process is started fresh, in this order: node -e 0, list, sim, bare oidc-provider, serve; ratios are taken within a round`,
        'the CLI bundled (dist/cli/, scripts/bundle-cli.mjs), the bare provider file per module (tsc); no tsx; every process, node -e 0 too, has bench/exit-usage.mjs preloaded to report its peak RSS and CPU time at exit; peak RSS until ready is VmHWM read at the ready line',
        `the bare oidc-provider (bench/bare-provider-main.ts) is built by the simulator's own config builder (clients, ${simDefaults.idTokenAlg} and lifetimes) with oidc-provider's own memory adapter, and nothing else; serve runs against one simulator started before the rounds`,
      ],
      extra: s,
    };
  },
};

/** `oidc-harness sim` (compiled), running until killed; resolves with its JSON line. */
async function startSim(): Promise<{ child: ChildProcess; info: SimLine }> {
  const child = spawn(process.execPath, [BIN, 'sim'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const line = await Promise.race([
    new Promise<string>((resolve) => lines.on('line', (l) => JSON_LINE.test(l) && resolve(l))),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`bench start-up: oidc-harness sim exited ${code} before it printed its JSON line`))),
  ]);
  return { child, info: JSON.parse(line) as SimLine };
}
