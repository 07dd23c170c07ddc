import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'disconnect-and-resume',
  title: 'Disconnect and reconnect without re-authenticating',
  seeds: ['000'],
  tags: ['reconnect'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'alice' });
    await a.login();
    await b.login();
    await a.getProfile();
    await a.disconnect();
    await b.getProfile();
    await a.resume();
    await a.getProfile();
    await b.getProfile();
  },
});
