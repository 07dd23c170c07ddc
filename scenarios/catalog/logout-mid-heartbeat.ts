import type { Gate } from '../../oidc-sim/index.js';
import type { HistoryEvent } from '../result-types.js';
import { harnessDefaults } from '../defaults.js';
import { defineScenario } from '../define-scenario.js';
import type { Window } from '../window.js';
import type { BlackBoxWorld } from '../world-powers.js';

/** Users a declared round must hold at once: more than a server refreshes side by side (the reference: 4). */
const ROUND_USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
/** Rounds the scenario may try before it calls the race unformed. */
const ATTEMPTS = 5;

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
 *
 * Which round a refresh belongs to is not visible from outside, and a round may have begun before the gate went up
 * (its head slow, the rest refreshed already). So the gate stays up and a round is told by a user coming twice: the
 * users held at the gate at one moment belong to one round (none can end while one of them is held), and once they
 * are let go, the next refresh of any of them belongs to a round that began after that, with the gate up all along.
 * The users that round has not refreshed yet are in its snapshot, still waiting; any other refresh that comes before
 * it (the last round's tail, or this one's users arriving first) is let go and its user is not the one logged out.
 */
async function logoutQueuedUser(world: BlackBoxWorld, first: Window[]) {
  const windows = [...first];
  for (const user of ROUND_USERS.slice(first.length)) {
    const w = world.window(user, { user });
    await w.login();
    windows.push(w);
  }
  const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
  const heldAt = (e: HistoryEvent, after: number) => e.seq > after && e.type === 'fault.gate.held' && e.detail?.gate === gate.id;
  const letGo = (indexes: number[]) => (indexes.length ? gate.releaseInOrder(indexes).then(() => undefined) : Promise.resolve());
  const releaseHeld = async () => {
    const order = world.shuffle(gate.held.map((r) => r.index));
    world.mark('gate.release-order', { gate: gate.id, order });
    await letGo(order);
  };
  // Users that came since the last attempt let its round go: once one of them comes again, a new round has begun.
  let cameLast: Set<string> | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const start = world.mark('round.awaited', { attempt, gate: gate.id });
    let anchor = await world.nextAtGate(gate, start.seq, world.roundWaitMs, "a refresh of the declared heartbeat");
    // After an attempt that formed nothing, the tail of the round it let go is not a good anchor (it would meet that
    // round half-way again): let the tail through until a user of that round comes again.
    while (anchor && cameLast && !(anchor.user && cameLast.has(anchor.user))) {
      const index = gate.held.find((r) => r.id === anchor!.detail?.request)?.index;
      if (index !== undefined) void letGo([index]);
      anchor = await world.nextAtGate(gate, anchor.seq, world.roundWaitMs, 'the next round of the declared heartbeat');
    }
    if (!anchor) break;
    // While the anchor is held its round cannot end, so whatever arrives meanwhile is of that round too: let the rest
    // go, one round's worth, until every logged-in user came or none comes any more (a bound that only costs a retry).
    const loggedIn = () => windows.filter((w) => w.user).length;
    const known = new Set<string>();
    const going: Array<Promise<void>> = [];
    for (let seen: HistoryEvent | undefined = anchor; seen; ) {
      if (seen.user) known.add(seen.user);
      const request = seen.detail?.request;
      const index = seen === anchor ? undefined : gate.held.find((r) => r.id === request)?.index;
      if (index !== undefined) going.push(letGo([index]));
      if (known.size >= loggedIn()) break;
      seen = await world.nextAtGate(gate, seen.seq, harnessDefaults.secondRequestWaitMs, "the anchored round's next refresh");
    }
    await Promise.all(going);
    const released = world.mark('round.anchored', { attempt, users: [...known] });
    going.push(releaseHeld());
    const touched = new Set<string>();
    let next: HistoryEvent | undefined;
    for (let after = released.seq; ; after = next.seq) {
      next = await world.nextAtGate(gate, after, world.roundWaitMs, `the next round's refresh of one of ${[...known].join(', ')}`);
      if (!next || (next.user && known.has(next.user))) break;
      // The last round's tail, or this round's users arriving before a known one: let go, and not the one logged out.
      if (next.user) touched.add(next.user);
      const index = gate.held.find((r) => r.id === next!.detail?.request)?.index;
      if (index !== undefined) going.push(letGo([index]));
    }
    await Promise.all(going);
    if (!next) {
      cameLast = known;
      await releaseHeld();
      continue;
    }
    // A round that began with the gate up: whoever it has not refreshed yet waits in its snapshot.
    const cameSince = () => new Set([...touched, ...world.history.events.filter((e) => heldAt(e, released.seq) && e.user).map((e) => e.user!)]);
    const arrivedSince = (user: string) => cameSince().has(user);
    const waiting = [...windows].reverse().find((w) => w.user && !arrivedSince(w.user));
    if (!waiting) {
      if (windows.every((w) => !w.user || gate.held.some((r) => r.username === w.user))) return logoutHeldUser(world, gate);
      cameLast = cameSince();
      await releaseHeld();
      continue;
    }
    const user = waiting.user!;
    const logout = waiting.logout();
    const reached = world.until((e) => heldAt(e, released.seq) && e.user === user);
    // A server that refreshes the user meanwhile holds its lock: the logout then waits for the gate, so race the two.
    const won = await Promise.race([logout.then(() => 'logged-out'), reached.then(() => 'refreshing')]);
    const formed = won === 'logged-out' && !arrivedSince(user);
    world.mark('round.logout', { user, attempt, formed });
    if (formed) {
      await world.releaseInSeededOrder(gate);
      await logout;
      return;
    }
    cameLast = cameSince();
    await releaseHeld();
    await logout;
  }
  await world.releaseInSeededOrder(gate);
  world.inconclusive(`no user logged out while the declared heartbeat's round held it in its snapshot (${ATTEMPTS} rounds tried)`);
}

/** A server that refreshes every user of a round side by side: the held user logs out while its refresh waits. */
async function logoutHeldUser(world: BlackBoxWorld, gate: Gate) {
  const user = gate.held[0]!.username!;
  const logout = world.windowOf(user).logout();
  await world.releaseInSeededOrder(gate);
  await logout;
}
