import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'tampered-id-token-at-login',
  title: 'Logins whose id_token is signed by an unknown key, expired, or names another subject are refused; a clean one works',
  seeds: ['001#17'],
  tags: ['validation', 'login'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    for (const kind of ['unknown-key', 'expired', 'other-subject'] as const) {
      world.sim.tamper({ kind, user: 'alice', times: 1 });
      await a.login('alice', { expect: 'refused' });
      await a.status();
    }
    await a.login();
    await a.getProfile();
  },
});
