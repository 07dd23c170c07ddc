import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'overlapping-heartbeat-rounds',
  title: 'A heartbeat round is due while the last one still waits on a slow refresh',
  seeds: ['001#11'],
  needs: ['heartbeat', 'holds'],
  tags: ['heartbeat', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const bobSub = world.sim.user('bob').sub;
    const hold = world.hold('refresh.before-provider', (i) => i.userId === bobSub);
    const first = world.heartbeat();
    await hold.reached;
    await world.serverEvent('refresh.succeeded', (e) => e.user === 'alice');
    // The next round is due now; the first still waits on bob's refresh.
    const second = world.heartbeatNow();
    // A guarded server skips the round at once; an unguarded one refreshes alice again before we let bob go.
    await Promise.race([second, world.untilCount(2, (e) => e.source.kind === 'sim' && e.type === 'token.refreshed' && e.user === 'alice')]);
    hold.release();
    await Promise.all([first, second]);
  },
});

