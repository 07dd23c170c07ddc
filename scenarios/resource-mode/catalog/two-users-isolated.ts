import { defineResourceScenario } from '../define-resource-scenario.js';

export default defineResourceScenario({
  id: 'rs-two-users-isolated',
  title: "Two users log in through discovery, registration and PKCE; each sees only its own data, fetched upstream with the server's own credentials",
  seeds: ['MCP auth spec', 'MCP security: token passthrough, confused deputy'],
  tags: ['resource-server', 'isolation'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await Promise.all([a.login(), b.login()]);
    // One after the other: a cache keyed by anything but the subject then hands bob alice's answer.
    await a.getProfile();
    await b.getProfile();
    await a.whoami();
    await b.whoami();
    await b.getProfile();
    await a.getProfile();
  },
});
