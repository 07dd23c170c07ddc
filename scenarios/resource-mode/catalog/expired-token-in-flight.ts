import { defineResourceScenario } from '../define-resource-scenario.js';

export default defineResourceScenario({
  id: 'rs-expired-token-in-flight',
  title: "A validated token expires: a request still carrying it is refused, and the window's next call refreshes on 401 and works",
  seeds: ['MCP auth spec: token validation; refresh on 401'],
  tags: ['resource-server', 'expiry', 'refresh'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    const first = await a.getProfile();
    const stale = a.accessToken;
    if (!first.ok || !stale || !a.sessionId) return world.inconclusive('alice never had a validated token to let expire');
    const exp = await world.untilExpired(a);
    if (exp === undefined) return world.inconclusive("alice's access token names no exp: nothing to wait for");
    await a.probe('get_profile', { token: stale, sessionId: a.sessionId, note: { stale: true, exp } });
    await a.getProfile();
    if (!world.history.events.some((e) => e.source.kind === 'sim' && e.type === 'token.refreshed' && e.user === 'alice')) world.inconclusive('the window never refreshed after its token expired');
  },
});
