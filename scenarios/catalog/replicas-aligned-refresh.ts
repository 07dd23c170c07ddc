import { harnessDefaults } from '../defaults.js';
import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'replicas-aligned-refresh',
  title: 'One user on two replicas, both need a refresh at the same instant: one refresh reaches the provider',
  seeds: ['003', '001#1'],
  needs: ['replicas'],
  tags: ['replicas', 'refresh', 'race'],
  long: true,
  world: { server: { replicas: 2, store: 'persistent' } },
  async run(world) {
    const a = world.window('A', { user: 'alice', replica: 0 });
    const b = world.window('B', { user: 'alice', replica: 1 });
    await a.login();
    // The second tab of the same browser: one user, one grant, served by the other replica.
    b.adopt(a);
    await b.resume();
    await a.getProfile();
    await b.getProfile();
    const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    const armed = world.mark('gate.armed', { gate: gate.id });
    const onDemand = world.refine('heartbeat');
    // In process, a round on every replica at once; black-box, the provider ends alice's access tokens and a window
    // on each replica calls: either way each replica wants alice's refresh now.
    if (!onDemand) world.sim.expire({ accessTokensOf: 'alice' });
    const contenders = onDemand ? [world.heartbeat()] : world.shuffle([() => a.getProfile(), () => b.getProfile()]).map((go) => go());
    await world.waitAtGate(gate, 1, 'a refresh of alice reached the provider');
    // Proving a second refresh does not come needs a bound: a single-flight pair never sends it. In process, the other
    // replica's own word that it queues for alice's lock in the store (it sends nothing until the holder is done)
    // ends the wait at once.
    const aligned = await Promise.race([gate.waitFor(2, { timeout: harnessDefaults.secondRequestWaitMs }), world.serverEvent('refresh.waiting', (e) => e.seq > armed.seq && e.user === 'alice')]);
    world.mark('gate.aligned', { arrived: gate.arrived, ...('ok' in aligned ? {} : { waiting: 'the other replica queued for the lock' }) });
    await world.releaseInSeededOrder(gate);
    await Promise.all(contenders);
    await a.getProfile();
    await b.getProfile();
  },
});
