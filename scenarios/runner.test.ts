import { describe, expect, it } from 'vitest';
import { defineScenario, type ScenarioDefinition } from './define-scenario.js';
import { referenceServer } from './reference-server.js';
import type { ScenarioResult } from './result-types.js';
import { runCatalogue, type WorldJob } from './runner.js';

const scenario = (id: string, long?: boolean): ScenarioDefinition => defineScenario({ id, title: id, seeds: [], tags: [], ...(long ? { long } : {}), run: async () => undefined });

describe('runCatalogue', () => {
  it('starts the long scenarios first and still reports results in the catalogue order', async () => {
    const started: string[] = [];
    const scenarios = [scenario('a'), scenario('b-long', true), scenario('c'), scenario('d-long', true), scenario('e')];
    const run = await runCatalogue({
      scenarios,
      seed: 1,
      repeat: 2,
      flaws: [],
      server: referenceServer(),
      target: 'test',
      elsewhere: {
        lanes: 1,
        run: async (job: WorldJob) => {
          started.push(`${job.id}@${job.seed}`);
          return { id: job.id, title: job.id, seeds: [], tags: [], seed: job.seed, flaws: [], replay: '', status: 'passed', durationMs: 0, verdicts: [], history: [] } as ScenarioResult;
        },
      },
    });
    const seeds = [...new Set(run.scenarios.map((r) => r.seed))];
    expect(seeds).toHaveLength(2);
    const [s1, s2] = seeds;
    expect(started).toEqual([`b-long@${s1}`, `d-long@${s1}`, `b-long@${s2}`, `d-long@${s2}`, `a@${s1}`, `c@${s1}`, `e@${s1}`, `a@${s2}`, `c@${s2}`, `e@${s2}`]);
    expect(run.scenarios.map((r) => `${r.id}@${r.seed}`)).toEqual([`a@${s1}`, `b-long@${s1}`, `c@${s1}`, `d-long@${s1}`, `e@${s1}`, `a@${s2}`, `b-long@${s2}`, `c@${s2}`, `d-long@${s2}`, `e@${s2}`]);
  });
});
