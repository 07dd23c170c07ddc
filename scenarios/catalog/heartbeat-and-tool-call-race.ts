import { harnessDefaults } from '../defaults.js';
import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'heartbeat-and-tool-call-race',
  title: 'Tool calls from two windows of one user (and the heartbeat, where it can be run) need a refresh at the same instant: one refresh reaches the provider',
  seeds: ['001#1', '001#6', '000'],
  tags: ['refresh', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'alice' });
    await a.login();
    // The second tab of the same browser: one user, one grant, one token record on a custodian server.
    b.adopt(a);
    await b.resume();
    await Promise.all([a.getProfile(), b.getProfile()]);
    // Black-box lever: the provider ends alice's access tokens, so the next call of any window must refresh.
    const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
    // The race is two calls that both find the token dead before either refreshes: both windows' calls are held at
    // the resource API until both are there (or the server says a call waits on a refresh already), whatever the
    // machine's speed. A server that refreshes without calling first never brings them: the wait then ends at a bound.
    const dead = world.sim.gate({ endpoint: 'resource', user: 'alice' });
    const armed = world.mark('access.ended', { user: 'alice' });
    world.sim.expire({ accessTokensOf: 'alice' });
    const contenders = world.shuffle([() => a.getProfile(), () => b.getProfile(), ...(world.canHeartbeatOnDemand ? [() => world.heartbeat()] : [])]);
    const calls = contenders.map((go) => go());
    await world.within(
      harnessDefaults.raceFormWaitMs,
      (e) =>
        e.seq > armed.seq &&
        ((e.type === 'fault.gate.held' && e.detail?.gate === dead.id && e.detail?.held === 2) || (e.source.kind === 'server' && (e.type === 'refresh.joined' || e.type === 'refresh.waiting'))),
      "both windows' calls reaching the resource API with alice's ended access token",
      { optional: true },
    );
    await dead.remove();
    await world.waitAtGate(gate, 1, 'a refresh of alice reached the provider after her access token ended');
    // Proving a second refresh does not come needs a bound: a single-flight server never sends it. The bound counts
    // from the moment both windows' calls were refused alice's dead access token at the simulator (whatever the
    // machine's speed, a flawed server then sends its second refresh at once). In process, the server's own word
    // that the other calls joined the flight ends the wait at once.
    await world.secondAtGate(gate, {
      after: armed.seq,
      contenders: 2,
      refused: (e) => e.source.kind === 'sim' && e.type === 'expired.use' && e.user === 'alice',
      settled: (e) => e.source.kind === 'server' && e.type === 'refresh.joined',
    });
    await world.releaseInSeededOrder(gate);
    await Promise.all(calls);
    await Promise.all([a.getProfile(), b.getProfile()]);
  },
});
