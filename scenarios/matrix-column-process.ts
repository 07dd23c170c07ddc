import { spawn } from 'node:child_process';
import type { RunResult } from './result-types.js';

/** The CLI's entry beside this module: the sources' bin.js (through tsx), or the bundle's own in dist/cli/. */
export const cliBin = new URL('./bin.js', import.meta.url).pathname;

/**
 * One matrix column (the catalogue with these flaws) in a child `oidc-harness run --json`: a process per column
 * puts every core to work. Exit 1 is a verdict (a flaw caught), not a failure; anything else is.
 */
export function columnInChildProcess(args: { ids: string[]; seed: number; repeat: number; onProgress?: (line: string) => void }) {
  return (flaws: string[]): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      const argv = [cliBin, 'run', ...args.ids, '--json', '--concurrency', '1', '--processes', '1', '--seed', String(args.seed), '--repeat', String(args.repeat), ...flaws.flatMap((f) => ['--flaw', f])];
      const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => {
        err += d;
        for (const line of String(d).split('\n')) if (/ (FAIL|ERROR) /.test(line)) args.onProgress?.(line);
      });
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code !== 0 && code !== 1) return reject(new Error(`matrix column ${flaws.join('+') || 'clean'} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
        try {
          resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as RunResult);
        } catch {
          reject(new Error(`matrix column ${flaws.join('+') || 'clean'} printed no JSON results`));
        }
      });
    });
}
