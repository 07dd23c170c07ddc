import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { OidcSim } from '../oidc-sim/index.js';
import type { ServerFactory } from './server-handle.js';

const URL_LINE = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*/;
const PLACEHOLDERS = ['issuer', 'clientId', 'clientSecret', 'resourceUrl', 'publicClientId'] as const;

/** `{issuer}` and friends in the command, replaced with this world's simulator values. */
export function fillCommand(template: string, sim: OidcSim): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    issuer: sim.issuer,
    clientId: sim.clients.confidential.clientId,
    clientSecret: sim.clients.confidential.clientSecret ?? '',
    resourceUrl: sim.resourceUrl,
    publicClientId: sim.clients.public.clientId,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
}

/**
 * Any MCP server, in any language, as a world's server: the command is started once per world with the
 * simulator's issuer, client and resource API filled in, and the first loopback URL it prints (stdout or stderr)
 * is its Streamable HTTP endpoint. It is judged black-box, from what windows see and the simulator's ledger.
 */
export function externalServer(template: string, { startTimeoutMs = 30_000 } = {}): ServerFactory {
  return async ({ sim }) => {
    const command = fillCommand(template, sim);
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const logs: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server command printed no http://127.0.0.1:PORT/... URL within ${startTimeoutMs} ms: ${template}`)), startTimeoutMs);
      const onLine = (line: string) => {
        logs.push(line);
        const found = URL_LINE.exec(line)?.[0];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server command exited with code ${code} before printing its URL: ${logs.slice(-3).join(' | ') || template}`));
      });
    });
    return {
      url,
      logs: () => logs,
      async close() {
        if (child.exitCode !== null) return;
        const exited = once(child, 'exit');
        kill(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => kill(child.pid!, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      },
    };
  };
}

/** Signals the whole process group, so a shell wrapper does not leave the real server behind. */
function kill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}
