import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'heartbeat-and-tool-call-race',
  title: 'Heartbeat and a tool call need a refresh at the same instant: one refresh reaches the provider',
  seeds: ['001#1', '001#6'],
  needs: ['heartbeat', 'holds'],
  tags: ['refresh', 'race'],
  // Every tool call needs a fresh access token, so the tool call and the held heartbeat want the same refresh.
  world: { server: { accessTokenSkewSeconds: 100_000 } },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    const hold = world.hold('refresh.before-provider', (i) => i.trigger === 'heartbeat');
    const round = world.heartbeat();
    await hold.reached;
    const profile = a.getProfile();
    // A single-flight server makes the tool call join the held refresh; a naive one refreshes on its own.
    await Promise.race([profile, world.serverEvent('refresh.joined')]);
    hold.release();
    await Promise.all([profile, round]);
    await a.getProfile();
  },
});
