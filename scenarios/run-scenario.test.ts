import { describe, expect, it } from 'vitest';
import { defineScenario } from './define-scenario.js';
import { referenceServer } from './reference-server.js';
import { runScenario } from './run-scenario.js';

describe('runScenario', () => {
  it('reports a scenario that stops recording anything as a harness error naming its last event, not a hang', async () => {
    const stuck = defineScenario({
      id: 'stuck',
      title: 'waits for something that never comes',
      seeds: [],
      tags: [],
      async run(world) {
        world.mark('waiting');
        await new Promise(() => undefined);
      },
    });
    const result = await runScenario(stuck, { seed: 1, flaws: [], server: referenceServer(), stallMs: 50 });
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/^scenario stuck recorded nothing for 50 ms \(last event: #\d+ waiting\)$/);
  });
});
