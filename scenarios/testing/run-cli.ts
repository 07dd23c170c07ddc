import { spawn } from 'node:child_process';
import { once } from 'node:events';

const bin = new URL('../bin.js', import.meta.url).pathname;

/** Runs `oidc-harness ARGS` (the dev entry) as a child process, as a user would, and collects its exit and output. */
export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}
