import { defineResourceScenario } from '../define-resource-scenario.js';

const USERS = ['alice', 'bob', 'carol'];
const WINDOWS_PER_USER = 3;

export default defineResourceScenario({
  id: 'rs-many-windows-refresh',
  title: "Three windows per user share each user's token store; all tokens expire and every window calls at once: one refresh per user, each sees its own data",
  seeds: ['MCP auth spec: refresh with rotation', 'issue 16: several windows of one user share one store'],
  tags: ['resource-server', 'refresh', 'race', 'isolation'],
  async run(world) {
    const windows = USERS.flatMap((user) => Array.from({ length: WINDOWS_PER_USER }, (_, i) => world.window(`${user}-${i + 1}`, { user })));
    // The first window of each user logs in; the others find the tokens in the shared store.
    await Promise.all(USERS.map((user) => windows.find((w) => w.user === user)!.login()));
    await Promise.all(windows.filter((w) => !w.sessionId).map((w) => w.login()));
    await Promise.all(windows.map((w) => w.getProfile()));
    await Promise.all(USERS.map((user) => world.untilExpired(windows.find((w) => w.user === user)!)));
    await Promise.all(windows.map((w) => w.getProfile()));
    for (const user of USERS) {
      if (!world.history.events.some((e) => e.source.kind === 'sim' && e.type === 'token.refreshed' && e.user === user)) world.inconclusive(`${user}'s windows never refreshed after the tokens expired`);
    }
  },
});
