import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const bin = new URL('../bin.js', import.meta.url).pathname;

/** What `oidc-harness sim` prints: everything an app outside the process gets to know about the simulator. */
export interface SimCliInfo {
  issuer: string;
  metadataUrl: string;
  registrationEndpoint?: string;
  resourceUrl: string;
  controlUrl: string;
  controlToken: string;
  clients: Record<string, { clientId: string; clientSecret?: string; redirectUris: string[]; grantTypes: string[]; tokenEndpointAuthMethod: string }>;
  users: Array<{ username: string; sub: string; email: string }>;
  lifetimes: Record<string, number>;
}

/** Runs `oidc-harness sim` as a child process, as a user would, and reads its one JSON line. */
export async function startSimCli(args: string[]): Promise<{ info: SimCliInfo; stop(): Promise<number | null>; stderr(): string }> {
  const child = spawn(process.execPath, [bin, 'sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  const line = await Promise.race([
    once(createInterface({ input: child.stdout }), 'line').then(([l]) => l as string),
    exited.then(([code]) => {
      throw new Error(`oidc-harness sim exited with ${code} before printing its JSON line: ${stderr}`);
    }),
  ]);
  return {
    info: JSON.parse(line) as SimCliInfo,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
    stderr: () => stderr,
  };
}
