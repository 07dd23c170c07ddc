// Child-process entry: hosts one token server so its CPU and memory are its own, apart from the load generator.
// The simulator's filter of oidc-provider's expected start-up warnings goes in before oidc-provider loads anywhere,
// so it is in place for the bare provider too (the simulator's door no longer loads oidc-provider by itself).
import '../oidc-sim/quiet-warnings.js';
import { writeHeapSnapshot } from 'node:v8';
import { createSimTarget } from './sim-target.js';
import { createBareProvider } from './bare-provider.js';
import { createMockServer } from './mock-server.js';
import { createReferenceMcp } from './reference-mcp.js';
import { createBareMcp } from './bare-mcp.js';
import type { BenchTarget } from './bench-target.js';
import { throughput } from './measure.js';
import type { HostRequest, HostStats, ServerSpec } from './server-spec.js';

async function start(spec: ServerSpec): Promise<BenchTarget<unknown>> {
  switch (spec.kind) {
    case 'sim':
      return createSimTarget(spec.options, spec.countEvents);
    case 'bare-provider':
      return createBareProvider(spec);
    case 'mock-server':
      return createMockServer(spec.alg);
    case 'mcp-reference':
      return createReferenceMcp(spec);
    case 'mcp-bare':
      return createBareMcp();
  }
}

async function handle(target: BenchTarget<unknown>, req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'login':
      return need(target.login, 'login')();
    case 'approveDevice':
      return need(target.approveDevice, 'approveDevice')(req.userCode, req.username);
    case 'timeLogins': {
      // Logins run here, beside their server, for both the simulator and the baseline: the sim's login is a method.
      const login = need(target.login, 'login');
      return throughput(1, req, () => login().then(() => true, () => false));
    }
    case 'stats': {
      const mem = process.memoryUsage();
      return { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, storedRecords: target.storedRecords?.() } satisfies HostStats;
    }
    case 'gc':
      (globalThis as { gc?: () => void }).gc?.();
      return (globalThis as { gc?: unknown }).gc !== undefined;
    case 'counters':
      return need(target.counters, 'counters')();
    case 'heapSnapshot':
      return writeHeapSnapshot(req.path);
    case 'close':
      await target.close();
      return true;
  }
}

function need<F extends (...args: never[]) => unknown>(fn: F | undefined, op: string): F {
  if (!fn) throw new Error(`this server has no ${op}`);
  return fn;
}

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const target = await start(JSON.parse(process.argv[2]!) as ServerSpec);
process.on('disconnect', () => process.exit(0));
process.on('message', async ({ id, req }: { id: number; req: HostRequest }) => {
  try {
    await send({ id, ok: true, value: await handle(target, req) });
  } catch (err) {
    await send({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
  if (req.op === 'close') process.exit(0);
});
await send({ ready: target.info });
