import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'oidc-briefly-unavailable',
  title: 'OIDC server briefly unavailable: graceful degradation and recovery',
  seeds: ['001 scenario 6', '001#14'],
  tags: ['outage', 'heartbeat'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    // Down for the next two refreshes: the heartbeat's retries ride it out.
    const outage = world.sim.faults.add({ effect: 'outage', endpoint: 'token', grantType: 'refresh_token', times: 2 });
    await world.heartbeat();
    outage.remove();
    world.mark('outage.end', { expect: 'recover' });
    await Promise.all([a.getProfile(), b.getProfile()]);
    await world.heartbeat();
    await Promise.all([a.getProfile(), b.getProfile()]);
  },
});
