import { defineScenario } from '../define-scenario.js';
import { pool } from '../../support/index.js';

const USERS = 25;
const WINDOWS_PER_USER = 8;

export default defineScenario({
  id: 'many-clients',
  title: `${USERS * WINDOWS_PER_USER} windows over ${USERS} users: every window sees only its own user's data`,
  seeds: ['004', '001 scenario 2'],
  tags: ['isolation', 'scale'],
  long: true,
  world: { sim: { users: [], userCount: USERS } },
  async run(world) {
    const users = world.sim.users.map((u) => u.username);
    // The first window of each user logs in; the others attach with its resume credential (seed 000).
    const first = await pool(users, 8, async (user, i) => {
      const w = world.window(`${user}-0`, { user });
      await w.login();
      return w;
    });
    const others = users.flatMap((user, u) =>
      Array.from({ length: WINDOWS_PER_USER - 1 }, (_, k) => {
        const w = world.window(`${user}-${k + 1}`, { user });
        w.adopt(first[u]!);
        return w;
      }),
    );
    await pool(others, 16, (w) => w.resume());
    // Shuffle with the run's seed so every repetition interleaves the windows differently, reproducibly.
    const all = [...first, ...others].sort(() => world.random() - 0.5);
    await pool(all, 16, (w) => w.getProfile());
    await world.heartbeat({ optional: true });
    await pool(all, 16, (w) => w.whoami());
  },
});
