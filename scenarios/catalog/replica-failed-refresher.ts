import { harnessDefaults } from '../defaults.js';
import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'replica-failed-refresher',
  title: "A refresh fails on one replica after a new login on the other: the failure must not delete the new login's tokens",
  seeds: ['003', '001#14'],
  needs: ['replicas'],
  tags: ['replicas', 'refresh', 'race'],
  world: { server: { replicas: 2, store: 'persistent' } },
  async run(world) {
    const a = world.window('A', { user: 'alice', replica: 0 });
    const b = world.window('B', { user: 'alice', replica: 1 });
    await a.login();
    const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    // The provider ends alice's access tokens, so window A's call is a refresh we can hold at the provider.
    world.sim.expire({ accessTokensOf: 'alice' });
    const profile = a.getProfile();
    await world.waitAtGate(gate, 1, "window A's refresh reached the provider");
    // Meanwhile alice logs in again on the other replica: a new grant; the one A is refreshing is given back.
    await b.login();
    await world.within(harnessDefaults.windowRequestTimeoutMs, (e) => e.source.kind === 'sim' && e.type === 'token.revoked' && e.user === 'alice', "the new login gave alice's earlier grant back");
    // A's refresh now reaches the provider with the revoked token and fails.
    await gate.remove();
    await profile;
    await b.getProfile();
    await a.getProfile();
  },
});
