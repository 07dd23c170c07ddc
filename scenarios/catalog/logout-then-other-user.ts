import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'logout-then-other-user',
  title: "Logout then login as another user sees only the new user's data",
  seeds: ['002'],
  tags: ['logout', 'isolation'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    await a.getProfile();
    await a.logout();
    await a.login('bob');
    await a.getProfile();
    await a.whoami();
  },
});
