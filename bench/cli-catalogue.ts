import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** One catalogue run of the bundled CLI as `npm start` makes it: end-to-end wall time and the runner's own. */
export interface CliCatalogueRun {
  /** Process start to exit, reports written: what a user waits for. */
  wallMs: number;
  /** The runner call alone, as the CLI records it (results.json `durationMs`). */
  runnerMs: number;
  statuses: Record<string, number>;
  exitCode: number;
}

/**
 * Runs `node BIN run --seed S --report DIR` (what `npm start` runs, `start` being `run` with the report in
 * reports/out) in a fresh process, into a temporary report directory so a user's own report is never overwritten.
 * Rejects, with the CLI's last stderr lines, if it writes no results or runs past `timeoutMs`.
 */
export async function runCliCatalogue(bin: string, seed: number, timeoutMs: number): Promise<CliCatalogueRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cli-catalogue-'));
  try {
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'run', '--seed', String(seed), '--report', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (err) => (clearTimeout(timer), reject(new Error(`bench: could not start ${bin}: ${err.message}`))));
      child.once('exit', (code, signal) => (clearTimeout(timer), resolve({ code: code ?? (signal ? 128 : 1), stderr })));
    });
    const wallMs = performance.now() - started;
    const results = await readFile(join(dir, 'results.json'), 'utf8').catch(() => undefined);
    if (!results) throw new Error(`bench: '${bin} run --seed ${seed}' exited with ${code} (limit ${timeoutMs / 1000} s) and wrote no results.json; its stderr ended:\n${stderr.split('\n').slice(-8).join('\n')}`);
    const run = JSON.parse(results) as { durationMs: number; scenarios: Array<{ status: string }> };
    const statuses: Record<string, number> = {};
    for (const s of run.scenarios) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return { wallMs, runnerMs: run.durationMs, statuses, exitCode: code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
