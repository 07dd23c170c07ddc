import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'close-during-login',
  title: 'A window closes while its login completes: the closed session stays closed',
  seeds: ['001#3', '003'],
  needs: ['holds'],
  tags: ['cleanup', 'race'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.connect();
    const sessionId = a.sessionId!;
    const hold = world.hold('activation');
    const login = a.login('alice', { expect: 'either' });
    await hold.reached;
    await a.disconnect();
    hold.release();
    await login;
    await world.snapshotStore({ sessions: [sessionId] });
  },
});
