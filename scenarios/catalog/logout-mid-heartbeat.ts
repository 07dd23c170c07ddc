import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'logout-mid-heartbeat',
  title: 'Logout during an active workflow: the refresh round in progress does not refresh the logged-out user',
  seeds: ['001 scenario 4', '001#4', '001#12'],
  tags: ['logout', 'heartbeat', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const holds = world.refine('holds');
    if (holds) {
      // Refinement in process: the round has taken its snapshot and is about to handle its first user, who logs out.
      const hold = holds.hold('heartbeat.user');
      const round = world.heartbeat();
      const held = await hold.reached;
      await world.windowOf(held.username!).logout();
      hold.release();
      await round;
    } else {
      // Black-box: a round's refreshes are held at the provider; the user whose refresh arrived first logs out meanwhile.
      const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
      const round = world.heartbeat();
      const wait = await world.waitAtGate(gate, 1, "a refresh of the round reached the provider");
      const user = wait.requests[0]?.username;
      const logout = user ? world.windowOf(user).logout() : Promise.resolve();
      // A server that logs out under the user's lock waits for the held refresh: release it while the logout waits.
      await world.releaseInSeededOrder(gate);
      await Promise.all([logout, round]);
    }
    await world.heartbeat();
    await a.status();
    await b.getProfile();
  },
});
