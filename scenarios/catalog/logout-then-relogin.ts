import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'logout-then-relogin',
  title: 'Logout and immediate re-login: no token reuse errors',
  seeds: ['001 scenario 3', '001#7'],
  tags: ['logout'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    await a.getProfile();
    await a.logout();
    await a.login();
    await a.getProfile();
    await world.heartbeat({ optional: true });
    await a.getProfile();
  },
});
