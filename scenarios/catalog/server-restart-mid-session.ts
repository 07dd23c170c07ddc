import { defineScenario } from '../define-scenario.js';

export default defineScenario({
  id: 'server-restart-mid-session',
  title: 'The server restarts mid-session on a persistent store: no session lost, the heartbeat carries on',
  seeds: ['003', '000'],
  needs: ['restart'],
  tags: ['restart', 'store'],
  long: true,
  // PostgreSQL when $HARNESS_PG_URL is set, else PGlite: either way the sessions and tokens outlive the process.
  world: { server: { store: 'persistent' } },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    await world.heartbeat();
    await a.getProfile();
    await world.restartServer();
    // Same clients, same session ids: the restarted server must find them in the store, not ask for a login.
    await a.getProfile();
    await b.whoami();
    await world.heartbeat();
    await a.getProfile();
    await b.getProfile();
    await world.snapshotStore();
  },
});
