import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'token-write-race',
  title: 'A tool call reads the token record while a refresh is writing it',
  seeds: ['001#6'],
  needs: ['heartbeat', 'holds'],
  tags: ['refresh', 'race'],
  world: { server: { accessTokenSkewSeconds: 100_000 } },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    const hold = world.hold('token-write');
    const round = world.heartbeat();
    await hold.reached;
    // The record is half written (or, atomically, not yet): the tool call must not see a torn one.
    const profile = a.getProfile();
    await Promise.race([profile, world.serverEvent('refresh.joined')]);
    hold.release();
    await Promise.all([profile, round]);
    await a.getProfile();
  },
});
