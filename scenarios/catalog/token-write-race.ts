import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'token-write-race',
  title: 'A tool call reads the token record while a refresh is writing it',
  seeds: ['001#6'],
  tags: ['refresh', 'race'],
  // In process every tool call refreshes first, so the held write meets a call that wants the record.
  world: { server: { accessTokenSkewSeconds: 100_000 } },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'alice' });
    await a.login();
    b.adopt(a);
    await b.resume();
    const holds = world.refine('holds');
    if (holds) {
      // Refinement in process: the record is half written (or, atomically, not yet) when the tool call reads it.
      const hold = holds.hold('token-write');
      const round = world.heartbeat();
      await hold.reached;
      const profile = a.getProfile();
      await Promise.race([profile, world.serverEvent('refresh.joined')]);
      hold.release();
      await Promise.all([profile, round]);
    } else {
      // Black-box: window A's forced refresh is held at the provider; window B calls meanwhile and the answer lands
      // while B's call reads the record.
      const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
      world.sim.expire({ accessTokensOf: 'alice' });
      const first = a.getProfile();
      await world.waitAtGate(gate, 1, "window A's refresh reached the provider");
      const second = b.getProfile();
      await world.releaseInSeededOrder(gate);
      await Promise.all([first, second]);
    }
    // The stored refresh token must be the newest one: the next forced refresh uses it.
    world.sim.expire({ accessTokensOf: 'alice' });
    await a.getProfile();
    await b.getProfile();
  },
});
