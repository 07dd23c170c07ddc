import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ScenarioDefinition } from './define-scenario.js';
import type { RunReporter } from './run-reporter.js';
import { runScenario } from './run-scenario.js';
import { seedFor } from './random.js';
import type { RunResult, ScenarioResult } from './result-types.js';
import type { ServerFactory } from './server-handle.js';

export interface RunOptions {
  scenarios: ScenarioDefinition[];
  seed: number;
  repeat: number;
  flaws: string[];
  server: ServerFactory;
  target: string;
  reporters?: RunReporter[];
}

/** Runs each scenario `repeat` times in fresh worlds, with seeds derived from the run's seed. */
export async function runCatalogue(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const reporters = options.reporters ?? [];
  const emit = async <K extends keyof RunReporter>(hook: K, ...args: Parameters<NonNullable<RunReporter[K]>>) => {
    for (const r of reporters) await (r[hook] as ((...a: unknown[]) => unknown) | undefined)?.(...args);
  };
  await emit('onRunStart', { scenarios: options.scenarios.map((s) => s.id), seed: options.seed, repeat: options.repeat, flaws: options.flaws });
  const results: ScenarioResult[] = [];
  for (let rep = 0; rep < options.repeat; rep++) {
    for (const scenario of options.scenarios) {
      const seed = seedFor(options.seed, rep);
      await emit('onScenarioStart', { id: scenario.id, title: scenario.title, seed, flaws: options.flaws });
      const result = await runScenario(scenario, { seed, flaws: options.flaws, server: options.server });
      results.push(result);
      await emit('onScenarioEnd', result);
    }
  }
  const run: RunResult = {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
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
