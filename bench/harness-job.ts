import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./harness-worker.ts', import.meta.url));

/** What a harness worker runs, in a fresh process, timed from inside around the harness call alone. */
export type HarnessJob =
  | { kind: 'catalogue'; seed: number }
  /** The catalogue with its worlds spread over child processes, as `oidc-harness run` spreads them (`--processes`). */
  | { kind: 'catalogue-spread'; seed: number }
  | { kind: 'minimal'; seed: number; count: number }
  | { kind: 'matrix'; seed: number }
  | { kind: 'detect'; seed: number; runs: number; maxMs: number };

export interface TimedRun {
  ms: number;
  /** Scenario runs by status. */
  statuses: Record<string, number>;
  runs: number;
  /** The scenarios that took longest, summed over the job's runs of each: [id, ms]. */
  slowest?: Array<[string, number]>;
  /** Flaw-matrix verdicts (matrix job): flaws not caught, false alarms. */
  notCaught?: string[];
  falseAlarms?: string[];
  /** Scenario runs that did not pass: id, seed, status, and the harness error or the failed invariants. */
  problems?: string[];
}

export interface FlawDetection {
  flaw: string;
  scenario: string;
  invariant: string;
  runs: number;
  /** Runs where the expected invariant failed. */
  caught: number;
  /** Runs where any invariant failed. */
  caughtAny: number;
  errors: number;
  /** Replay command of a run that missed, if any. */
  missedReplay?: string;
}

export interface DetectionResult {
  ms: number;
  flaws: FlawDetection[];
  clean: { runs: number; catalogues: number; failed: number; errors: number; byScenario: Record<string, { failed: number; errors: number }>; firstReplay?: string };
  /** Set when the time bound stopped the runs early. */
  stoppedEarly: boolean;
  /** Flaws of the switchboard that expected-catches.ts names no scenario for (not measured here). */
  uncovered: string[];
}

export class HarnessJobTimeout extends Error {}

/**
 * Runs one job in a fresh process (tsx), relaying its progress lines; rejects if the worker fails or exits early,
 * and with HarnessJobTimeout (after killing it) if it has not finished within `timeoutMs`.
 */
export function runHarnessJob<T>(job: HarnessJob, progress: (message: string) => void, timeoutMs: number): Promise<T> {
  const child = fork(WORKER, [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise<T>((resolve, reject) => {
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (m: { progress?: string; result?: typeof result }) => {
      if (m.progress) progress(m.progress);
      if (m.result) result = m.result;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (result?.ok) resolve(result.value);
      else if (timedOut) reject(new HarnessJobTimeout(`bench: harness job ${job.kind} did not finish within ${timeoutMs / 1000} s`));
      else reject(new Error(`bench: harness job ${job.kind} ${result ? `failed: ${result.error}` : `exited with ${code}`}`));
    });
  });
}
