import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { OidcSim } from '../oidc-sim/index.js';
import { harnessDefaults } from './defaults.js';
import type { ServerFactory, ServerHandle } from './server-handle.js';
import { freePort } from './free-port.js';
import { killTarget as kill, trackTarget } from './target-reaper.js';

const URL_IN_LINE = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*/g;
/** The explicit way to name the endpoint: a line `MCP_ENDPOINT=http://127.0.0.1:PORT/mcp` on either stream. */
const ENDPOINT_LINE = /\bMCP_ENDPOINT=(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*)/;
const PLACEHOLDERS = ['issuer', 'clientId', 'clientSecret', 'resourceUrl', 'publicClientId', 'port', 'stateDir'] as const;
/** Lines of the target's output kept per world for the results (the last ones). */
const TARGET_LOG_LINES = 40;

/**
 * `{issuer}` and friends in the command, replaced with this world's simulator values; `{port}` and `{stateDir}`
 * when given (left as they are otherwise).
 */
export function fillCommand(template: string, sim: OidcSim, { port, stateDir }: { port?: number; stateDir?: string } = {}): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    issuer: sim.issuer,
    clientId: sim.clients.confidential.clientId,
    clientSecret: sim.clients.confidential.clientSecret ?? '',
    resourceUrl: sim.resourceUrl,
    publicClientId: sim.clients.public.clientId,
    port: port === undefined ? '{port}' : String(port),
    stateDir: stateDir ?? '{stateDir}',
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
}

/**
 * Which printed URL is the MCP endpoint: a `MCP_ENDPOINT=` line wins; with `{port}` in the command, the first URL on
 * that port; otherwise the first loopback URL that is not the simulator's (a server that logs its issuer first is
 * not driven at the simulator).
 */
export function endpointIn(line: string, { simOrigin, port }: { simOrigin: string; port?: number }): string | undefined {
  const named = ENDPOINT_LINE.exec(line)?.[1];
  if (named) return named;
  for (const url of line.match(URL_IN_LINE) ?? []) {
    const u = new URL(url);
    if (u.origin === simOrigin) continue;
    if (port !== undefined && Number(u.port) !== port) continue;
    return url;
  }
  return undefined;
}

/** Secrets the harness handed the target never enter the results: the client secret, bearer tokens, JWTs. */
export function redactLine(line: string, secrets: string[]): string {
  let out = line;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out
    .replace(/\b(Bearer|bearer)\s+[\w.~+/-]+=*/g, '$1 [redacted]')
    .replace(/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted jwt]')
    .slice(0, 500);
}

export interface ExternalServerOptions {
  startTimeoutMs?: number;
  /** Declared by the target (`--target-heartbeat`): it refreshes every logged-in user at least this often. */
  heartbeatPeriodMs?: number;
  /**
   * Declared by the target (`--target-restartable`): started again with the same command (same `{port}`, same
   * `{stateDir}`), it comes back on the same endpoint with every session and token it held.
   */
  restartable?: boolean;
  /**
   * Declared by the target (`--target-replicas N`): N copies of the command, each on its own `{port}` and all on the
   * same `{stateDir}` (or whatever store the command names), serve one set of sessions and tokens.
   */
  replicas?: number;
}

interface Started {
  child: ChildProcess;
  url: string;
}

/**
 * Any MCP server, in any language, as a world's server: the command is started once per world (once per declared
 * replica) with the simulator's issuer, client and resource API filled in, a free `{port}` and a fresh `{stateDir}`
 * (removed with the world); its endpoint is found as `endpointIn` says. It is judged black-box, from what windows see
 * and the simulator's ledger. Its last output lines go into the results.
 */
export function externalServer(template: string, { startTimeoutMs = harnessDefaults.targetStartTimeoutMs, heartbeatPeriodMs, restartable = false, replicas = 1 }: ExternalServerOptions = {}): ServerFactory {
  return async ({ sim }) => {
    const stateDir = template.includes('{stateDir}') ? await mkdtemp(join(tmpdir(), 'oidc-harness-target-')) : undefined;
    const ports = await Promise.all(Array.from({ length: replicas }, () => (template.includes('{port}') ? freePort() : Promise.resolve(undefined))));
    const commands = ports.map((port) => fillCommand(template, sim, { ...(port !== undefined ? { port } : {}), ...(stateDir ? { stateDir } : {}) }));
    const secrets = [sim.clients.confidential.clientSecret ?? '', sim.controlToken];
    const simOrigin = new URL(sim.issuer).origin;
    const logs: string[] = [];
    const tail: string[] = [];
    // Exits the harness caused (close, restart) are not crashes.
    let expected = false;
    const exitListeners = new Set<(exit: { code: number | null; signal: string | null }) => void>();
    let running: Started[] = [];

    const start = (i: number) =>
      new Promise<Started>((resolve, reject) => {
        const child = spawn(commands[i]!, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
        if (child.pid !== undefined) child.once('exit', trackTarget(child.pid));
        const who = replicas > 1 ? `[replica ${i}] ` : '';
        child.once('exit', (code, signal) => {
          if (!expected) for (const l of exitListeners) l({ code, signal });
        });
        const timer = setTimeout(() => {
          kill(child.pid!, 'SIGKILL');
          reject(new Error(`server command printed no endpoint URL (http://127.0.0.1:PORT/... or MCP_ENDPOINT=...) within ${startTimeoutMs} ms: ${template}`));
        }, startTimeoutMs);
        const port = ports[i];
        const onLine = (stream: string) => (line: string) => {
          logs.push(line);
          tail.push(`${who}${stream}: ${redactLine(line, secrets)}`);
          if (tail.length > TARGET_LOG_LINES) tail.shift();
          const found = endpointIn(line, { simOrigin, ...(port !== undefined ? { port } : {}) });
          if (found) {
            clearTimeout(timer);
            resolve({ child, url: found });
          }
        };
        createInterface({ input: child.stdout! }).on('line', onLine('stdout'));
        createInterface({ input: child.stderr! }).on('line', onLine('stderr'));
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`server command exited with code ${code} before printing its URL: ${tail.slice(-3).join(' | ') || template}`));
        });
      });

    const startAll = async () => {
      const started = await Promise.allSettled(commands.map((_, i) => start(i)));
      running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await stopAll();
        throw failed.reason;
      }
    };
    const stopAll = async () => {
      expected = true;
      await Promise.all(running.map(({ child }) => stop(child)));
      running = [];
    };
    const removeState = () => (stateDir ? rm(stateDir, { recursive: true, force: true }) : Promise.resolve());

    try {
      await startAll();
    } catch (err) {
      await removeState();
      throw err;
    }
    expected = false;
    const urls = running.map((r) => r.url);
    const handle: ServerHandle = {
      url: urls[0]!,
      ...(replicas > 1 ? { replicaUrls: urls.slice(1) } : {}),
      ...(heartbeatPeriodMs ? { heartbeatPeriodMs } : {}),
      logs: () => logs,
      targetLog: () => [...tail],
      onExit(listener) {
        exitListeners.add(listener);
        return () => exitListeners.delete(listener);
      },
      async close() {
        await stopAll();
        await removeState();
      },
    };
    if (restartable) {
      handle.restart = async () => {
        await stopAll();
        await startAll();
        expected = false;
        const moved = running.map((r, i) => [urls[i], r.url]).find(([before, after]) => before !== after);
        // Windows keep their URLs across a restart: a target that moves cannot be restarted under them.
        if (moved) throw new Error(`the restarted target came back at ${moved[1]}, not ${moved[0]}: a restartable target needs {port} in its command`);
      };
    }
    return handle;
  };
}

/** SIGTERM to the process group, SIGKILL after 5 s; resolves once it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => kill(child.pid!, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}


