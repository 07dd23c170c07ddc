import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'commit-then-fail-during-refresh',
  title: 'The provider rotates the refresh token but the answer is lost: a clean re-auth, no spiral',
  seeds: ['001#14', '001#1'],
  tags: ['refresh', 'outage'],
  // The provider consumed the old token and the new one never arrived: a retry is reuse by construction.
  skipInvariants: ['no-reuse'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    world.sim.faults.add({ effect: 'commit-then-fail', endpoint: 'token', grantType: 'refresh_token', user: 'alice', times: 1 });
    await world.heartbeat();
    await world.heartbeat();
    await a.status();
    await b.getProfile();
  },
});
