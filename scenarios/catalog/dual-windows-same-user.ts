import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'dual-windows-same-user',
  title: 'Two browser windows logged in as the same user both work independently',
  seeds: ['001 scenario 1', '000'],
  tags: ['isolation', 'multi-window'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'alice' });
    await a.login();
    await b.login();
    await Promise.all([a.getProfile(), b.getProfile()]);
    await world.heartbeat({ optional: true });
    await Promise.all([a.getProfile(), b.getProfile(), a.status(), b.status()]);
  },
});
