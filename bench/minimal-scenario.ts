import { defineScenario } from '../scenarios/index.js';

/**
 * The least a scenario can do in a world: one window, one device login. Repeated as often as the catalogue has
 * scenarios, it is the harness-speed baseline: what the catalogue would cost if every scenario were only its world.
 */
export const minimalScenario = defineScenario({
  id: 'bench-minimal-world',
  title: 'One window logs in (harness-speed baseline)',
  seeds: [],
  tags: ['bench'],
  async run(world) {
    await world.window('A', { user: 'alice' }).login();
  },
});
