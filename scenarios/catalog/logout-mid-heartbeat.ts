import type { Gate } from '../../oidc-sim/index.js';
import { defineScenario } from '../define-scenario.js';
import type { Window } from '../window.js';
import type { BlackBoxWorld } from '../world-powers.js';

/** Users a declared round must hold at once: more than a server refreshes side by side (the reference: 4). */
const ROUND_USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
/** Rounds the scenario may try before it calls the race unformed. */
const ATTEMPTS = 3;

export default defineScenario({
  id: 'logout-mid-heartbeat',
  title: 'Logout during an active workflow: the refresh round in progress does not refresh the logged-out user',
  seeds: ['001 scenario 4', '001#4', '001#12'],
  tags: ['logout', 'heartbeat', 'race'],
  world: { sim: { users: ROUND_USERS } },
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const holds = world.refine('holds');
    if (holds) {
      // Refinement in process: the round has taken its snapshot and is about to handle its first user, who logs out.
      const hold = holds.hold('heartbeat.user');
      const round = world.heartbeat();
      const held = await hold.reached;
      await world.windowOf(held.username!).logout();
      hold.release();
      await round;
    } else if (world.declaredHeartbeatMs) {
      await logoutQueuedUser(world, [a, b]);
    } else {
      // Black-box: a round's refreshes are held at the provider; the user whose refresh arrived first logs out meanwhile.
      const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
      const round = world.heartbeat();
      const wait = await world.waitAtGate(gate, 1, "a refresh of the round reached the provider");
      const user = wait.requests[0]?.username;
      const logout = user ? world.windowOf(user).logout() : Promise.resolve();
      // A server that logs out under the user's lock waits for the held refresh: release it while the logout waits.
      await world.releaseInSeededOrder(gate);
      await Promise.all([logout, round]);
    }
    await world.heartbeat();
    await a.status();
    await b.getProfile();
  },
});

/**
 * Seed 001 #4 against the server's own (declared) heartbeat, black-box. More users are logged in than a round
 * refreshes side by side; the round's first refreshes are held at the provider, so the users behind them wait in the
 * round's snapshot. One of those logs out. A server that re-reads the user before refreshing leaves it alone; one
 * that refreshes from its snapshot presents the revoked token once the held refreshes go (`logout-revokes`).
 */
async function logoutQueuedUser(world: BlackBoxWorld, first: Window[]) {
  const windows = [...first];
  for (const user of ROUND_USERS.slice(first.length)) {
    const w = world.window(user, { user });
    await w.login();
    windows.push(w);
  }
  const head = windows[0]!.user;
  const newGate = () => world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
  let gate: Gate = newGate();
  for (let attempt = 1; ; attempt++) {
    const start = world.mark('round.awaited', { attempt, gate: gate.id });
    // The first user of a round arriving means the round started after the gate: its tail is still in the snapshot.
    const arrived = await world.nextAtGate(gate, start.seq, world.roundWaitMs, `the declared heartbeat's refresh of ${head}`, (e) => e.user === head);
    const waiting = arrived && [...windows].reverse().find((w) => w.user && !gate.held.some((r) => r.username === w.user));
    if (arrived && !waiting) return logoutHeldUser(world, gate);
    let formed = false;
    let logout: Promise<unknown> = Promise.resolve();
    if (waiting) {
      const user = waiting.user!;
      logout = waiting.logout();
      const reached = world.until((e) => e.seq > start.seq && e.type === 'fault.gate.held' && e.detail?.gate === gate.id && e.user === user);
      // A server that refreshes the user meanwhile holds its lock: the logout then waits for the gate, so race the two.
      const won = await Promise.race([logout.then(() => 'logged-out'), reached.then(() => 'refreshing')]);
      formed = won === 'logged-out' && !gate.held.some((r) => r.username === user);
      world.mark('round.logout', { user, attempt, formed });
    }
    // Otherwise the gate met the tail of a round already running. Either way a fresh gate goes up before the release,
    // so the next round is met from its start.
    const next = !formed && attempt < ATTEMPTS ? newGate() : undefined;
    await world.releaseInSeededOrder(gate);
    await logout;
    if (formed) return;
    if (!next) break;
    gate = next;
  }
  world.inconclusive(`no user logged out while the declared heartbeat's round held it in its snapshot (${ATTEMPTS} rounds tried)`);
}

/** A server that refreshes every user of a round side by side: the held user logs out while its refresh waits. */
async function logoutHeldUser(world: BlackBoxWorld, gate: Gate) {
  const user = gate.held[0]!.username!;
  const logout = world.windowOf(user).logout();
  await world.releaseInSeededOrder(gate);
  await logout;
}
