import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { OidcSim } from '../oidc-sim/index.js';
import type { ServerFactory } from './server-handle.js';

const URL_IN_LINE = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*/g;
/** The explicit way to name the endpoint: a line `MCP_ENDPOINT=http://127.0.0.1:PORT/mcp` on either stream. */
const ENDPOINT_LINE = /\bMCP_ENDPOINT=(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*)/;
const PLACEHOLDERS = ['issuer', 'clientId', 'clientSecret', 'resourceUrl', 'publicClientId', 'port'] as const;
/** Lines of the target's output kept per world for the results (the last ones). */
const TARGET_LOG_LINES = 40;

/** `{issuer}` and friends in the command, replaced with this world's simulator values (and `{port}`, if given). */
export function fillCommand(template: string, sim: OidcSim, port?: number): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    issuer: sim.issuer,
    clientId: sim.clients.confidential.clientId,
    clientSecret: sim.clients.confidential.clientSecret ?? '',
    resourceUrl: sim.resourceUrl,
    publicClientId: sim.clients.public.clientId,
    port: port === undefined ? '{port}' : String(port),
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

/**
 * Any MCP server, in any language, as a world's server: the command is started once per world with the
 * simulator's issuer, client and resource API filled in; its endpoint is found as `endpointIn` says. It is judged
 * black-box, from what windows see and the simulator's ledger. Its last output lines go into the results.
 */
export function externalServer(template: string, { startTimeoutMs = 30_000, heartbeatPeriodMs }: { startTimeoutMs?: number; heartbeatPeriodMs?: number } = {}): ServerFactory {
  return async ({ sim }) => {
    const port = template.includes('{port}') ? await freePort() : undefined;
    const command = fillCommand(template, sim, port);
    const secrets = [sim.clients.confidential.clientSecret ?? '', sim.controlToken];
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const logs: string[] = [];
    const tail: string[] = [];
    let closing = false;
    const exitListeners = new Set<(exit: { code: number | null; signal: string | null }) => void>();
    child.once('exit', (code, signal) => {
      if (!closing) for (const l of exitListeners) l({ code, signal });
    });
    const simOrigin = new URL(sim.issuer).origin;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server command printed no endpoint URL (http://127.0.0.1:PORT/... or MCP_ENDPOINT=...) within ${startTimeoutMs} ms: ${template}`)), startTimeoutMs);
      const onLine = (stream: string) => (line: string) => {
        logs.push(line);
        tail.push(`${stream}: ${redactLine(line, secrets)}`);
        if (tail.length > TARGET_LOG_LINES) tail.shift();
        const found = endpointIn(line, { simOrigin, ...(port !== undefined ? { port } : {}) });
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine('stdout'));
      createInterface({ input: child.stderr! }).on('line', onLine('stderr'));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server command exited with code ${code} before printing its URL: ${tail.slice(-3).join(' | ') || template}`));
      });
    });
    return {
      url,
      ...(heartbeatPeriodMs ? { heartbeatPeriodMs } : {}),
      logs: () => logs,
      targetLog: () => [...tail],
      onExit(listener) {
        exitListeners.add(listener);
        return () => exitListeners.delete(listener);
      },
      async close() {
        closing = true;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        kill(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => kill(child.pid!, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      },
    };
  };
}

/** A port free right now on loopback, for `{port}` (the target binds it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Signals the whole process group, so a shell wrapper does not leave the real server behind. */
function kill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}
