import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'close-during-login',
  title: 'A window closes while its login completes: the closed session stays closed',
  seeds: ['001#3', '003'],
  tags: ['cleanup', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.connect();
    const sessionId = a.sessionId!;
    const holds = world.refine('holds');
    if (holds) {
      // Refinement in process: the window closes between the activation's check and its write.
      const hold = holds.hold('activation');
      const login = a.login('alice', { expect: 'either' });
      await hold.reached;
      await a.disconnect();
      hold.release();
      await login;
    } else {
      // Black-box: the server's device-code poll is held at the provider while the window closes; then it completes.
      const gate = world.sim.gate({ endpoint: 'token', grantType: 'urn:ietf:params:oauth:grant-type:device_code' });
      const login = a.login('alice', { expect: 'either' });
      await world.waitAtGate(gate, 1, "the server's device-code poll for the login reached the provider");
      await a.disconnect();
      await world.releaseInSeededOrder(gate);
      await login;
      // A server that goes on polling gets alice's tokens and then finishes (or drops) the login; one that stopped
      // polling when the window closed never does, and that is fine too.
      await world.within(5000, (e) => e.source.kind === 'sim' && e.type === 'token.issued' && e.user === 'alice', 'no tokens were issued for the abandoned login', { optional: true });
    }
    // Whatever the server did with the login, the closed session must not answer as alice.
    const ghost = world.window('A-closed', { user: 'alice', sessionId });
    await ghost.call('session_status', {}, { probe: 'closed-session' });
    await ghost.call('whoami', {}, { probe: 'closed-session' });
    await world.snapshotStore({ sessions: [sessionId] });
  },
});
