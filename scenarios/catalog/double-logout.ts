import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'double-logout',
  title: 'A second logout of the same session succeeds (logout is idempotent)',
  seeds: ['001#15'],
  tags: ['logout'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    await a.logout();
    const again = await a.call('logout', {}, { loggedOutUser: undefined, expect: 'ok' });
    world.mark('expectation', { what: 'second logout succeeds', ok: again.ok, error: again.error });
    await a.login();
    await a.getProfile();
  },
});
