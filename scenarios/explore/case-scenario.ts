import type { Gate, HeldRequest, TamperKind } from '../../oidc-sim/index.js';
import { defineScenario, type ScenarioDefinition } from '../define-scenario.js';
import { harnessDefaults } from '../defaults.js';
import { seed001Heartbeat } from '../seed-001-timing.js';
import { settledOrStuck, type Party, type ServerActivity } from '../server-still.js';
import type { Window } from '../window.js';
import type { BlackBoxWorld } from '../world-powers.js';
import type { ExploreCase, Fault, HoldPoint, RaceCall, RaceTool, Step } from './explore-case.js';
import type { Workload } from './workloads.js';

/**
 * An explored case as a scenario: black-box (windows and the simulator's levers), so it runs against any target; held
 * steps use the server's hold points where it has them (in process) and run unheld elsewhere. Every step goes into
 * the history as it happens; the invariants judge that history like any scenario's.
 */
export function caseScenario(c: ExploreCase, workload: Workload, { id = 'explore-case', title = 'An explored case' } = {}): ScenarioDefinition {
  // The provider consumed the old token and the answer never arrived: a retry is reuse by construction (as in
  // the catalogue's commit-then-fail scenario).
  const lostAnswers = c.steps.some((s) => s.op === 'fault' && s.fault.effect === 'commit-then-fail');
  // The case itself ended the user's refresh token (as the catalogue's outage scenario does): presenting it once is
  // how a server learns so, not a refresh left too late; `bounded` judges how often it keeps trying.
  const endedTokens = c.steps.some((s) => s.op === 'end-tokens');
  const skip = [...(lostAnswers ? ['no-reuse'] : []), ...(endedTokens ? ['refresh-in-time'] : [])];
  return defineScenario({
    id,
    title,
    seeds: [],
    tags: ['explore'],
    ...(skip.length ? { skipInvariants: skip } : {}),
    // In process: the reference server's replicas on one persistent store (the explore command refuses other targets);
    // seed 001's heartbeat timing, which a careful server refuses (it then runs with its own).
    ...(workload.replicas || c.timing === 'seed-001'
      ? {
          world: {
            server: { ...(workload.replicas ? { replicas: workload.replicas, store: 'persistent' } : {}), ...(c.timing === 'seed-001' ? { heartbeat: seed001Heartbeat } : {}) },
            ...(c.timing === 'seed-001' ? { serverMayRefuse: true } : {}),
          },
        }
      : {}),
    async run(world) {
      // In process, the server's account of its work is on from before any window connects (server-still.ts), for a
      // case that asks it when to go on (a held step, a gated race). Only then: it costs every promise of the process
      // a little (mcp-server/activity-meter.ts), and the other cases never read it.
      const off = c.steps.some((s) => waitsOnServer(s, workload)) ? world.refine('holds')?.activity?.subscribe(() => undefined) : undefined;
      try {
        await new CaseRun(world, workload).run(c);
      } finally {
        off?.();
      }
    },
  });
}

class CaseRun {
  readonly #windows: Window[];
  readonly #users: string[];
  /** Windows whose last login (or resume) still stands as far as the harness knows: their resume must work. */
  readonly #resumable = new Set<number>();
  /** Sessions the windows closed (DELETE): the end-of-case store snapshot must not hold them (wide workloads). */
  readonly #closed: string[] = [];
  readonly #wide: boolean;
  /** Servers sharing one store: window i talks to replica i mod this. */
  readonly #replicas: number;
  /** Windows whose login answered while their own logout was on its way: their user is not known (see `#login`). */
  readonly #userUnknown = new Set<number>();
  /** Windows with a login or a resume on its way. */
  readonly #attaching = new Set<number>();
  /** Steps are running while the server is held at a hold point. */
  #holding = false;

  constructor(
    private readonly world: BlackBoxWorld,
    workload: Workload,
  ) {
    this.#users = world.sim.users.slice(0, workload.users).map((u) => u.username);
    this.#windows = workload.windows.map((name, i) => world.window(name, { user: this.#users[i % this.#users.length]!, replica: i % (workload.replicas ?? 1) }));
    this.#wide = workload.wide === true;
    this.#replicas = workload.replicas ?? 1;
  }

  async run(c: ExploreCase): Promise<void> {
    this.world.mark('explore.users', { users: this.#users });
    for (const [i, step] of c.steps.entries()) {
      this.world.mark('explore.step', { step: i + 1, op: step.op });
      await this.#step(step);
    }
    if (this.#wide) {
      // The final read (as Jepsen's): every window the harness holds logged in makes one more call, so what the steps
      // did to a login shows (`works` judges it, with its excuses) even when no later step happened to call.
      this.world.mark('explore.final-read', {});
      for (const win of this.#windows) if (win.user !== undefined) await win.getProfile();
      // In process, a closed session must stay closed in the store (`cleanup`); a server without a store view skips this.
      await this.world.snapshotStore({ sessions: this.#closed });
    }
  }

  async #step(s: Step): Promise<void> {
    switch (s.op) {
      case 'login':
        return this.#login(s.w, s.user, s.tamper);
      case 'heartbeat':
        // With replicas every replica runs its round at once; their refreshes are gated and let go once the servers
        // stand still, so two replicas refreshing one user meet at the provider whatever the machine's speed (an
        // ungated round let one finish first now and then: replica-unlocked-refresh replayed 98 of 100).
        for (let round = 0; round < (s.rounds ?? 1); round++) await (this.#replicas > 1 && !this.#holding ? this.#race([], true, [], true) : this.world.heartbeat());
        return;
      case 'expire':
        this.world.sim.expire({ accessTokensOf: this.#users[s.user]! });
        return;
      case 'end-tokens':
        return this.#endTokens(s.user);
      case 'hold':
        return this.#hold(s.point, s.steps, s.expire === true);
      case 'fault':
        return this.#fault(s.fault);
      case 'race':
        return this.#race(s.calls, s.gated, s.order, s.heartbeat);
      case 'slow-round':
        return this.#slowRound(s.tenths);
      case 'disconnect':
        return this.#disconnect(s.w);
      case 'resume':
        return this.#resume(s.w);
      default:
        await this.#call(s.w, s.op);
    }
  }

  /** `inRace`: other calls of this window may be on their way at once (a race), so the window is never reopened under them. */
  async #login(w: number, user: number, tamper?: TamperKind, inRace = false): Promise<void> {
    const username = this.#users[user]!;
    const win = this.#windows[w]!;
    // A login or resume still on its way in this window (held at its activation, say) counts as logged in: two on one
    // session would leave the window's user a guess (found by explore: wide, seed 34).
    if (win.user !== undefined || this.#attaching.has(w)) {
      // A second login on a logged-in session: the window would take the first login's end for the second's
      // (both end as 'authenticated' on one session id), so its user would be a guess. Not a step the harness can judge.
      if (!this.#wide || inRace) {
        this.world.mark('explore.skipped', { step: 'login', window: win.name, reason: win.user !== undefined ? `window already logged in as ${win.user}` : 'a login or resume of the window is on its way' });
        return;
      }
      // Wide levers: the user opens the window anew to log in again (its session closed, a new one opened), so a new
      // login of a user already logged in somewhere is a step every wide case can take. Not in a race: closing the
      // window would cut its other calls short as they start (found by explore: a get_profile beside the login).
      this.world.mark('explore.reopened', { step: 'login', window: win.name, reason: win.user !== undefined ? `window was logged in as ${win.user}` : 'a login or resume of the window was on its way' });
      await this.#disconnect(w);
    }
    // Another window's login of the same user may replace what this one holds: its resume is no longer judged.
    for (const [i, other] of this.#windows.entries()) if (i !== w && other.user === username) this.#resumable.delete(i);
    this.#resumable.delete(w);
    // The tamper rule lives exactly as long as this login, so no other token answer (a refresh) takes it.
    const tampered = tamper ? this.world.sim.tamper({ kind: tamper, user: username, times: 1 }) : undefined;
    // 'either': a login the provider's faults may refuse is not missing evidence; relogin, works and
    // login-validation judge it.
    this.#attaching.add(w);
    const othersLoggingOut = () => this.#logouts.filter((l) => l.user === username && l.w !== w).length;
    const before = { inFlight: othersLoggingOut(), own: this.#logouts.some((l) => l.w === w), started: this.#logoutsStarted };
    const outcome = await win.login(username, { expect: 'either' }).finally(() => (tampered?.remove(), this.#attaching.delete(w)));
    if (outcome.ok) this.#resumable.add(w);
    // The window's own logout was on its way while this login was: the server may have taken it before the login
    // (the session then holds the user) or after it (it holds nobody), whichever answered last. Once neither is on its
    // way (after the hold or the race), the window opens anew (found by explore: wide, seed 404, case 390).
    if (outcome.ok && (before.own || this.#logoutsOf.slice(before.started).some((l) => l.w === w))) this.#userUnknown.add(w);
    // Another window logged the user out while this login was on its way: the session may have been mapped to the user
    // just before the logout, and logout is per user, so the user's next login anywhere would make it theirs again.
    // Which it is, the harness cannot tell: the window opens anew (found by explore: replicas, seed 305).
    const loggedOutMeanwhile = before.inFlight > 0 || this.#logoutsOf.slice(before.started).some((l) => l.user === username && l.w !== w);
    if (!outcome.ok && loggedOutMeanwhile && win.sessionId) {
      this.world.mark('explore.reopened', { step: 'login', window: win.name, reason: `another window logged ${username} out while the login was on its way: its session's user is not known` });
      await this.#disconnect(w);
    }
  }

  /** Logouts on their way (window, user), and every logout started, in order. */
  readonly #logouts: Array<{ w: number; user: string | undefined }> = [];
  readonly #logoutsOf: Array<{ w: number; user: string | undefined }> = [];
  get #logoutsStarted(): number {
    return this.#logoutsOf.length;
  }

  /** The provider ends every token of the user: its windows' logins may rightly end, so their resumes are not judged. */
  #endTokens(user: number): void {
    const username = this.#users[user]!;
    this.world.sim.expire({ user: username });
    for (const [i, win] of this.#windows.entries()) if (win.user === username || win.resumeUser === username) this.#resumable.delete(i);
  }

  /**
   * A heartbeat round whose refreshes the network holds for `tenths` of the server's latency margin (explore-case.ts):
   * they are gated until the round stands still, and a refresh token with less life left than the delay ends at the
   * provider before they go on, as the wall clock would have ended it.
   */
  async #slowRound(tenths: number): Promise<void> {
    const timing = this.world.heartbeatTiming;
    const activity = this.world.refine('holds')?.activity;
    if (!timing || !activity || !this.world.canHeartbeatOnDemand) {
      this.world.mark('explore.skipped', { step: 'slow-round', reason: 'the server declares no heartbeat timing, or cannot run a round on demand: a delay has nothing to be measured against' });
      return;
    }
    const delayMs = (timing.latencyMarginMs * tenths) / 10;
    const lifeLeftMs = timing.refreshTokenLifetimeMs - timing.intervalMs;
    const gate = this.world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
    const pending = new Set<() => Party>();
    const round = this.#tracked(this.world.heartbeat(), this.#partyOf('heartbeat'), pending);
    round.catch(() => undefined);
    try {
      const outcome = await this.#settledOrStuck(activity, pending, { what: 'slow heartbeat round', gate });
      const users = [...new Set(gate.held.map((r) => r.username).filter((u): u is string => u !== undefined && this.#users.includes(u)))].sort();
      const died = outcome === 'stuck' && delayMs > lifeLeftMs;
      this.world.mark('explore.slow-round', { delayMs, lifeLeftMs, users, ended: died });
      if (died) for (const u of users) this.#endTokens(this.#users.indexOf(u));
    } finally {
      await gate.remove();
    }
    await round;
  }

  /**
   * Steps while the server is held at `point` (in process): each starts once every step before it finished or waits
   * at the server on what is held (the server reports what it works on and waits for: server-still.ts); then the
   * hold is released and every step finishes. A server without hold points runs the steps unheld.
   */
  async #hold(point: HoldPoint, steps: Step[], expire: boolean): Promise<void> {
    // Every user's access tokens end first: a data call among the steps must refresh (as in a gated race).
    if (expire) for (const user of this.#users) this.world.sim.expire({ accessTokensOf: user });
    const holds = this.world.refine('holds');
    const activity = holds?.activity;
    if (!holds || !activity) {
      this.world.mark('explore.skipped', { step: 'hold', point, reason: 'the server has no hold points: its steps run unheld' });
      for (const s of steps) await this.#step(s);
      return;
    }
    // With replicas, the hold is armed where the first step goes (the replica of its window; a heartbeat: replica 0).
    const first = steps[0];
    const reach = first && 'w' in first && first.w < this.#windows.length ? first.w : undefined;
    const hold = holds.hold(point, undefined, reach === undefined ? 0 : reach % this.#replicas);
    const held = { window: 0 };
    void hold.reached.then((info) => {
      const sessionId = (info as { sessionId?: string }).sessionId;
      const user = (x: Window | undefined) => info.username !== undefined && x?.user === info.username;
      // The window whose session reached the hold; else the first step's window if its user did; else the first window of that user.
      const bySession = sessionId === undefined ? -1 : this.#windows.findIndex((x) => x.sessionId === sessionId);
      const i = bySession >= 0 ? bySession : reach !== undefined && user(this.#windows[reach]) ? reach : this.#windows.findIndex(user);
      held.window = Math.max(0, i);
    });
    const running: Array<Promise<void>> = [];
    const ran: Step[] = [];
    const pending = new Set<() => Party>();
    this.#holding = true;
    try {
      for (const s of steps) {
        // The held window (index windows.length): the one whose session or user reached the hold, else the first; index
        // windows.length + 1: the window after it.
        const n = this.#windows.length;
        const step = 'w' in s && s.w === n ? { ...s, w: held.window } : 'w' in s && s.w === n + 1 ? { ...s, w: (held.window + 1) % n } : s;
        ran.push(step);
        const run = this.#tracked(this.#step(step), this.#partyOf(step), pending);
        // Awaited below, after the hold; handled now, so a step failing meanwhile is the case's error, not the process's.
        run.catch(() => undefined);
        running.push(run);
        await this.#settledOrStuck(activity, pending, { what: `held step ${step.op} at '${point}'` });
      }
    } finally {
      hold.release();
      await Promise.allSettled(running);
      this.#holding = false;
    }
    await Promise.all(running);
    // What the release let go and no step waits for (the activation of a login whose window already closed, say)
    // finishes before the next step, or the end-of-case store snapshot, so those meet the server after it, never
    // during it, whatever the machine's speed.
    const outcome = await settledOrStuck(activity, this.world.history, { settled: () => false, pending: () => [] }, harnessDefaults.exploreStillBoundMs);
    if (outcome === 'bound') this.world.inconclusive(`after the hold at '${point}': the server was not still within ${harnessDefaults.exploreStillBoundMs} ms`);
    // What a held step did to a login is not what the harness can tell: resumes after a hold are recorded, not judged.
    this.#resumable.clear();
    // A resume and a logout of one window on their way at once may take effect in either order, whatever order they
    // answered in: the window's user is not known, so the window opens anew (found by explore: wide, seed 42, a resume
    // held at its activation while its window logged out).
    const did = (w: number, op: Step['op']) => ran.some((x) => x.op === op && 'w' in x && x.w === w);
    for (const [w, win] of this.#windows.entries()) {
      if (!did(w, 'resume') || !did(w, 'logout') || !win.sessionId) continue;
      this.world.mark('explore.reopened', { step: 'hold', window: win.name, reason: 'its resume and its logout were on their way at once: its user is not known' });
      this.#userUnknown.delete(w);
      await this.#disconnect(w);
    }
    await this.#reopenUnknown('hold');
  }

  /** Opens anew every window whose login answered while its own logout was on its way (nothing of either is left). */
  async #reopenUnknown(step: 'hold' | 'race'): Promise<void> {
    for (const w of [...this.#userUnknown].sort()) {
      this.#userUnknown.delete(w);
      const win = this.#windows[w]!;
      if (!win.sessionId) continue;
      this.world.mark('explore.reopened', { step, window: win.name, reason: 'its login answered while its own logout was on its way: its user is not known' });
      await this.#disconnect(w);
    }
  }

  /** `call`, counted in `pending` (with whom it works for at the server) until it settles. */
  #tracked(call: Promise<void>, party: (() => Party) | undefined, pending: Set<() => Party>): Promise<void> {
    if (!party) return call;
    pending.add(party);
    return call.finally(() => pending.delete(party));
  }

  /** Whom a step works for at the server: its window's session, or the heartbeat; levers work for nobody there. */
  #partyOf(s: Step | RaceCall | 'heartbeat'): (() => Party) | undefined {
    if (s === 'heartbeat' || ('op' in s && s.op === 'heartbeat')) return () => 'heartbeat';
    if (!('w' in s)) return undefined;
    const win = this.#windows[s.w]!;
    return () => ({ sessionId: win.sessionId });
  }

  /**
   * Waits until every call in `pending` has finished or waits at the server on what is held (a hold point, or a
   * refresh `gate` holds), with nothing else left running. Both are what the server reports, so when the next step
   * starts, or the next held request goes, never depends on how fast anything ran. Without either within the bound
   * (a wait the server does not report), the case is inconclusive.
   */
  async #settledOrStuck(activity: ServerActivity, pending: Set<() => Party>, { what, gate }: { what: string; gate?: Gate }): Promise<'settled' | 'stuck' | 'bound'> {
    const outcome = await settledOrStuck(
      activity,
      this.world.history,
      { settled: () => pending.size === 0, pending: () => [...pending].map((p) => p()), ...(gate ? { gateHeld: () => gate.held.length } : {}) },
      harnessDefaults.exploreStillBoundMs,
    );
    if (outcome === 'stuck') this.world.mark('explore.still', { what, waiting: activity.state().waiting.map((w) => w.on) });
    if (outcome === 'bound') this.world.inconclusive(`${what}: neither finished nor waited on what is held within ${harnessDefaults.exploreStillBoundMs} ms`);
    return outcome;
  }

  async #disconnect(w: number): Promise<void> {
    const win = this.#windows[w]!;
    if (win.sessionId) this.#closed.push(win.sessionId);
    await win.disconnect();
    // The next call opens a new session that nobody logged in: the window holds no user until it resumes.
    win.user = undefined;
  }

  async #resume(w: number): Promise<void> {
    const win = this.#windows[w]!;
    if (!win.resumeCredential) {
      this.world.mark('explore.skipped', { step: 'resume', window: win.name, reason: 'no resume credential held' });
      return;
    }
    // A resume on the session a login or resume of the window is still attaching: whichever lands last, the window's
    // user would be a guess (found by explore: wide, seed 46, a resume beside a login held at its activation).
    if (this.#attaching.has(w)) {
      this.world.mark('explore.skipped', { step: 'resume', window: win.name, reason: 'a login or resume of the window is on its way' });
      return;
    }
    // Judged ('ok') only when nothing since the login could rightly end it; otherwise recorded, not judged.
    // Held steps race whatever is held (a login, a logout, a refresh): a resume among them is recorded, not judged.
    this.#attaching.add(w);
    const outcome = await win.resume({ expect: this.#resumable.has(w) && !this.#holding ? 'ok' : 'error' }).finally(() => this.#attaching.delete(w));
    if (!outcome.ok) this.#resumable.delete(w);
  }

  async #call(w: number, tool: RaceTool | 'login', user = 0): Promise<void> {
    if (tool === 'login') return this.#login(w, user, undefined, true);
    const win = this.#windows[w]!;
    if (tool === 'logout') {
      const user = win.user;
      // From the logout's call on (found by explore: a resume while the logout was held), the login may be gone.
      // Every window of that user, and every window holding that user's resume credential: a closed window keeps its
      // credential, and a logout ends it (found by explore: two-windows, seed 101).
      for (const [i, other] of this.#windows.entries()) if ((user !== undefined && (other.user === user || other.resumeUser === user)) || i === w) this.#resumable.delete(i);
      const entry = { w, user };
      this.#logouts.push(entry);
      this.#logoutsOf.push(entry);
      try {
        await win.logout();
      } finally {
        this.#logouts.splice(this.#logouts.indexOf(entry), 1);
      }
      return;
    }
    await (tool === 'get_profile' ? win.getProfile() : tool === 'whoami' ? win.whoami() : win.status());
  }

  #fault(f: Fault): void {
    const match = { endpoint: 'token' as const, grantType: 'refresh_token' };
    // A refresh that failed may rightly end a login: resumes after a fault are recorded, not judged.
    if (f.effect !== 'latency') this.#resumable.clear();
    if (f.effect === 'latency') this.world.sim.faults.add({ ...match, effect: 'latency', ms: f.ms, times: 3 });
    else if (f.effect === 'commit-then-fail') this.world.sim.faults.add({ ...match, effect: 'commit-then-fail', times: 1 });
    else this.world.sim.faults.add({ ...match, effect: f.effect, times: f.times });
  }

  async #race(calls: RaceCall[], gated: boolean, order: number[], heartbeat: boolean): Promise<void> {
    let gate: Gate | undefined;
    if (gated) {
      gate = this.world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
      const users = new Set(calls.map((c) => this.#windows[c.w]!.user).filter((u) => u !== undefined));
      for (const u of users) this.world.sim.expire({ accessTokensOf: u });
    }
    const pending = new Set<() => Party>();
    const all = Promise.all([
      ...calls.map((c) => this.#tracked(this.#call(c.w, c.tool, c.tool === 'login' ? c.user : 0), this.#partyOf(c), pending)),
      ...(heartbeat ? [this.#tracked(this.world.heartbeat(), this.#partyOf('heartbeat'), pending)] : []),
    ]);
    if (!gate) {
      await all;
      if (!this.#holding) await this.#reopenUnknown('race');
      return;
    }
    const activity = this.world.refine('holds')?.activity;
    const released = activity ? await this.#releaseWhenStill(gate, order, activity, pending, all) : await this.#releaseWhenQuiet(gate, order, all);
    this.world.mark('gate.release-order', { gate: gate.id, order: released });
    await gate.remove();
    await all;
    if (!this.#holding) await this.#reopenUnknown('race');
  }

  /**
   * In process: a held refresh goes once every call of the race has finished or waits at the server, on the gate or
   * on what the gate holds (a refresh it joined, a lock); then the next, in the order the case names among those
   * held, sorted by user, so the choice is the same whichever request reached the gate first.
   */
  async #releaseWhenStill(gate: Gate, order: number[], activity: ServerActivity, pending: Set<() => Party>, all: Promise<unknown>): Promise<number[]> {
    const released: number[] = [];
    void all.catch(() => undefined);
    for (;;) {
      const outcome = await this.#settledOrStuck(activity, pending, { what: 'gated race', gate });
      if (outcome !== 'stuck') return released;
      const held = byUser(gate.held);
      if (!held.length) {
        this.world.inconclusive('gated race: its calls wait at the server, but on nothing the gate holds');
        return released;
      }
      const pick = held[(order[released.length] ?? 0) % held.length]!;
      released.push(pick.index);
      await gate.releaseInOrder([pick.index]);
    }
  }

  /**
   * Black-box targets (no account of what they wait on): held requests go through one at a time, each once no new
   * request has arrived for a quiet period, in the order the case names among those held. Only which interleaving
   * is explored depends on the quiet period: the history records the one that happened, and every invariant judges
   * that history, whichever it was (a correct server sends one refresh per user, whatever the wait). A replay of a
   * black-box failure may meet another interleaving; in process the release points are the server's own reports.
   */
  async #releaseWhenQuiet(gate: Gate, order: number[], all: Promise<unknown>): Promise<number[]> {
    let done = false;
    const finished = all.then(
      () => (done = true),
      () => (done = true),
    );
    const released: number[] = [];
    while (!done) {
      const wait = await Promise.race([finished.then(() => undefined), gate.waitFor(gate.held.length + 1, { timeout: harnessDefaults.exploreQuietMs })]);
      if (done || !wait || wait.ok) continue;
      const held = byUser(gate.held);
      if (!held.length) continue;
      const pick = held[(order[released.length] ?? 0) % held.length]!;
      released.push(pick.index);
      await gate.releaseInOrder([pick.index]);
    }
    return released;
  }
}

/**
 * Whether a step goes on by what the server reports it works on and waits for (server-still.ts): a held step, a gated
 * race, a slowed heartbeat round, and with replicas a heartbeat step (its refreshes are gated).
 */
function waitsOnServer(s: Step, workload: Workload): boolean {
  return s.op === 'hold' || s.op === 'slow-round' || (s.op === 'race' && s.gated) || (s.op === 'heartbeat' && (workload.replicas ?? 1) > 1);
}

/** Held requests by user, then arrival: which user's refresh reached the gate first is not part of the case. */
function byUser(held: HeldRequest[]): HeldRequest[] {
  return [...held].sort((a, b) => (a.username ?? '').localeCompare(b.username ?? '') || a.index - b.index);
}
