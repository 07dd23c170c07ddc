import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'logout-mid-heartbeat',
  title: 'Logout during an active workflow: the heartbeat round in progress does not refresh the logged-out user',
  seeds: ['001 scenario 4', '001#4', '001#12'],
  needs: ['heartbeat', 'holds'],
  tags: ['logout', 'heartbeat', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    // The round has taken its snapshot and is about to handle its first user: that user logs out now.
    const hold = world.hold('heartbeat.user');
    const round = world.heartbeat();
    const held = await hold.reached;
    await world.windowOf(held.username!).logout();
    hold.release();
    await round;
    await world.heartbeat();
    await a.status();
    await b.getProfile();
  },
});
