import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Reporter } from '../../reports/index.js';
import { pool, seedFor } from '../../support/index.js';
import { harnessDefaults } from '../defaults.js';
import type { RunResult } from '../result-types.js';
import type { ServerFactory } from '../server-handle.js';
import type { ResourceScenario } from './define-resource-scenario.js';
import { runResourceScenario } from './run-resource-scenario.js';

export interface ResourceRunOptions {
  scenarios: ResourceScenario[];
  seed: number;
  repeat: number;
  flaws: string[];
  server: ServerFactory;
  target: string;
  replayArgs?: string[];
  /** The target's declared validation-cache lifetime; the revocation scenarios are skipped without one. */
  revocationCacheSeconds?: number;
  reporters?: Reporter[];
  concurrency?: number;
}

/** The resource-server catalogue, `repeat` times in fresh worlds, with the same reporter hooks and result shape as `run`. */
export async function runResourceCatalogue(options: ResourceRunOptions): Promise<RunResult> {
  const started = performance.now();
  const reporters = options.reporters ?? [];
  const emit = async <K extends keyof Reporter>(hook: K, ...args: Parameters<NonNullable<Reporter[K]>>) => {
    for (const r of reporters) await (r[hook] as ((...a: unknown[]) => unknown) | undefined)?.(...args);
  };
  const startedAt = new Date().toISOString();
  await emit('onRunStart', { startedAt, seed: options.seed, repeat: options.repeat, target: options.target, planned: options.scenarios.length * options.repeat });
  const jobs = Array.from({ length: options.repeat }, (_, rep) => options.scenarios.map((scenario) => ({ scenario, seed: seedFor(options.seed, rep) }))).flat();
  const results = await pool(jobs, options.concurrency ?? harnessDefaults.concurrency(), async ({ scenario, seed }) => {
    await emit('onScenarioStart', { id: scenario.id, title: scenario.title, seed, flaws: options.flaws });
    const result = await runResourceScenario(scenario, { seed, flaws: options.flaws, server: options.server, ...(options.replayArgs ? { replayArgs: options.replayArgs } : {}), ...(options.revocationCacheSeconds !== undefined ? { revocationCacheSeconds: options.revocationCacheSeconds } : {}) });
    await emit('onScenarioEnd', result);
    return result;
  });
  const run: RunResult = {
    startedAt,
    durationMs: performance.now() - started,
    seed: options.seed,
    repeat: options.repeat,
    target: options.target,
    scenarios: results,
    machine: { node: process.version, platform: process.platform, cpus: cpus().length },
  };
  await emit('onRunEnd', run);
  return run;
}
