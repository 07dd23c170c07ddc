import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'network-delay-during-heartbeat',
  title: "Network delay during heartbeat with the seed's 25 s heartbeat against a 30 s refresh token",
  seeds: ['001 scenario 5', '001#5'],
  needs: ['heartbeat'],
  tags: ['heartbeat', 'timing'],
  // The seed's own timing. A careful server refuses it (5 s of head room is less than its latency margin).
  world: { server: { heartbeat: { intervalSeconds: 25, refreshTokenLifetimeSeconds: 30, latencyMarginSeconds: 10 } }, serverMayRefuse: true },
  async run(world) {
    if (world.refusedServerConfig) return;
    const a = world.window('A', { user: 'alice' });
    await a.login();
    const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    const round = world.heartbeat();
    await gate.waitFor(1);
    // The delay outlasts the 5 s of head room: the refresh token dies while its refresh is on the wire.
    world.sim.expire({ user: 'alice' });
    await gate.releaseAll();
    await round;
    await a.status();
  },
});
