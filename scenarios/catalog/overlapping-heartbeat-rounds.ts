import { defineScenario } from '../define-scenario.js';
import type { HistoryEvent } from '../result-types.js';
import type { BlackBoxWorld } from '../world-powers.js';

export default defineScenario({
  id: 'overlapping-heartbeat-rounds',
  title: 'A heartbeat round is due while the last one still waits on a slow refresh',
  seeds: ['001#11'],
  needs: ['rounds'],
  tags: ['heartbeat', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const holds = world.refine('holds');
    const onDemand = world.refine('heartbeat');
    if (holds && onDemand) {
      // Refinement in process: bob's refresh is held inside the server, and the next round is started at once.
      const bobSub = world.sim.user('bob').sub;
      const hold = holds.hold('refresh.before-provider', (i) => i.userId === bobSub);
      const first = world.heartbeat();
      await hold.reached;
      await world.serverEvent('refresh.succeeded', (e) => e.user === 'alice');
      // The next round is due now; the first still waits on bob's refresh.
      const second = onDemand.heartbeatNow();
      // A guarded server skips the round at once; an unguarded one refreshes alice again before we let bob go.
      await Promise.race([second, world.untilCount(2, (e) => e.source.kind === 'sim' && e.type === 'token.refreshed' && e.user === 'alice')]);
      hold.release();
      await Promise.all([first, second]);
    } else {
      await holdDeclaredRound(world);
    }
    await a.status();
    await b.status();
  },
});

/**
 * Seed 001 #11 against the server's own (declared) heartbeat, black-box: the first refresh of a round is held at the
 * provider, so that round cannot finish; every other refresh goes through. A server that skips rounds while one
 * runs refreshes each other user at most once meanwhile; one that starts a round on every tick refreshes them again
 * (`bounded`: one round refreshes a user at most once; the bracket is the held round).
 */
async function holdDeclaredRound(world: BlackBoxWorld) {
  const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
  const start = world.mark('round.awaited', { gate: gate.id });
  const first = await world.nextAtGate(gate, start.seq, world.roundWaitMs, "a refresh of the declared heartbeat's round");
  if (!first) {
    world.inconclusive(`no refresh of the declared heartbeat reached the provider within ${world.roundWaitMs} ms`);
    await gate.remove();
    return;
  }
  const held = first.user;
  const cycle = world.mark('heartbeat.cycle', { cycle: 'held-round', held });
  const others = (e: HistoryEvent) => e.seq > cycle.seq && e.source.kind === 'sim' && e.type === 'token.refreshed' && e.user !== held;
  const refreshedTwice = () => {
    const count = new Map<string | undefined, number>();
    for (const e of world.history.events) if (others(e)) count.set(e.user, (count.get(e.user) ?? 0) + 1);
    return [...count.values()].some((n) => n > 1);
  };
  // Long enough for two more ticks: a round already past its other users when the gate met it refreshes them only
  // in the next round, and the overlapping one after that.
  const until = performance.now() + world.roundWaitMs + (world.declaredHeartbeatMs ?? 0);
  let last = first.seq;
  while (!refreshedTwice()) {
    const left = until - performance.now();
    if (left <= 0) break;
    const next = await world.nextAtGate(gate, last, left, 'a second refresh of a user while the round waits');
    if (!next) break;
    last = next.seq;
    const index = next.detail?.index as number;
    if (next.user !== held && gate.held.some((r) => r.index === index)) await gate.releaseInOrder([index]);
  }
  world.mark('heartbeat.cycle.end', { cycle: 'held-round' });
  await world.releaseInSeededOrder(gate);
}
