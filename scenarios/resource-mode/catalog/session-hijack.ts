import { defineResourceScenario } from '../define-resource-scenario.js';

export default defineResourceScenario({
  id: 'rs-session-hijack',
  title: "Bob presents his own valid token with alice's session id, and someone presents none: both refused, alice's window keeps working",
  seeds: ['MCP security: session hijacking'],
  tags: ['resource-server', 'session-binding', 'hostile'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await Promise.all([a.login(), b.login()]);
    await a.getProfile();
    if (!a.sessionId || !b.accessToken) return world.inconclusive("alice's session or bob's token never came to be: nothing to hijack");
    await b.probe('get_profile', { token: b.accessToken, sessionId: a.sessionId, note: { hostile: 'foreign-session', sessionOwner: 'alice' } });
    await b.probe('whoami', { token: b.accessToken, sessionId: a.sessionId, note: { hostile: 'foreign-session', sessionOwner: 'alice' } });
    await b.probe('get_profile', { token: undefined, sessionId: a.sessionId, note: { hostile: 'no-token', sessionOwner: 'alice' } });
    await a.getProfile();
    await b.getProfile();
  },
});
