import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'tampered-id-token-at-login',
  title: 'A login whose id_token names another subject is refused with a clear error',
  seeds: ['001#17'],
  tags: ['validation', 'login'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    world.sim.tamper({ kind: 'other-subject', user: 'alice', times: 1 });
    await a.login();
    await a.status();
    await a.getProfile();
  },
});
