import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'dual-windows-different-users',
  title: 'Two browser windows logged in as different users stay isolated',
  seeds: ['001 scenario 2', '001#9'],
  tags: ['isolation', 'multi-window'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    // Interleave the windows' calls so a server with one global "active session" answers A with B's data.
    await a.getProfile();
    await b.getProfile();
    await a.whoami();
    await Promise.all([a.getProfile(), b.getProfile()]);
  },
});
