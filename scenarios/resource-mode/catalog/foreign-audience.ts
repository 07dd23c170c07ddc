import { defineResourceScenario } from '../define-resource-scenario.js';

export default defineResourceScenario({
  id: 'rs-foreign-audience',
  title: 'A client logs in with a token for another resource (the upstream API) and presents it: refused with 401',
  seeds: ['MCP auth spec: token audience binding and validation'],
  tags: ['resource-server', 'audience', 'hostile'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    await a.getProfile();
    // A token the authorization server really issued, to this user, for a resource that is not this server.
    const m = world.window('M', { user: 'bob', resourceOverride: world.sim.resourceUrl, expect: 'refused' });
    await m.login();
    await a.getProfile();
  },
});
