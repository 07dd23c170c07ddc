import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'outage-longer-than-refresh-lifetime',
  title: 'An outage outlasts the refresh token: a clear re-auth error, then quiet',
  seeds: ['001#14', '001 scenario 6'],
  tags: ['outage', 'heartbeat', 'cleanup'],
  // The scenario ends alice's refresh token itself (the outage outlasted it): presenting it once after the outage is
  // how a server learns so; `bounded` judges how often it keeps trying.
  skipInvariants: ['refresh-in-time'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const outage = world.sim.faults.add({ effect: 'outage', endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    await world.heartbeat();
    // The outage lasted longer than the refresh token lives: at the provider, alice's tokens are now dead.
    world.sim.expire({ user: 'alice' });
    outage.remove();
    world.mark('outage.end', { expect: 'reauth', users: ['alice'] });
    await a.getProfile();
    for (let round = 0; round < 4; round++) await world.heartbeat();
    await a.status();
    await b.getProfile();
    await world.snapshotStore({ users: ['alice'] });
  },
});
