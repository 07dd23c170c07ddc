import { defineScenario } from '../define-scenario.js';
import { seed001Heartbeat } from '../seed-001-timing.js';
import type { BlackBoxWorld } from '../world-powers.js';

export default defineScenario({
  id: 'network-delay-during-heartbeat',
  title: 'Network delay during refreshes: tokens still refresh under delay; the seed\'s 25 s heartbeat against a 30 s refresh token is refused or caught',
  seeds: ['001 scenario 5', '001#5'],
  tags: ['heartbeat', 'timing'],
  // The seed's own timing (in process only: a server started by command keeps its own config). A careful server
  // refuses it (5 s of head room is less than its latency margin) and is then run with its defaults.
  world: { server: { heartbeat: seed001Heartbeat }, serverMayRefuse: true },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    // Seed 001 scenario 5, on any server: with every refresh slowed down, the user's calls still work and refresh.
    const delay = world.sim.faults.add({ effect: 'latency', endpoint: 'token', grantType: 'refresh_token', ms: 50 + Math.floor(world.random() * 250) });
    world.sim.expire({ accessTokensOf: 'alice' });
    await a.getProfile();
    world.requireLedger((e) => e.type === 'token.refreshed' && e.user === 'alice', 'no refresh of alice reached the provider under delay after her access token ended');
    delay.remove();
    await a.status();
    if (world.refusedServerConfig || !world.canHeartbeatOnDemand) return;
    await tightHeartbeatRace(world);
    await a.status();
  },
});

/** The server accepted 25 s against 30 s: a delayed heartbeat refresh outlives the refresh token (seed 001 #5). */
async function tightHeartbeatRace(world: BlackBoxWorld) {
  const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
  const round = world.heartbeat();
  await world.waitAtGate(gate, 1, "the heartbeat's refresh of alice reached the provider");
  // The delay outlasts the 5 s of head room: the refresh token dies while its refresh is on the wire.
  world.sim.expire({ user: 'alice' });
  await gate.remove();
  await round;
}
