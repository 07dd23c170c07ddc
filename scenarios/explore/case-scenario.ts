import type { Gate } from '../../oidc-sim/index.js';
import { defineScenario, type ScenarioDefinition } from '../define-scenario.js';
import { harnessDefaults } from '../defaults.js';
import type { Window } from '../window.js';
import type { BlackBoxWorld } from '../world-powers.js';
import type { ExploreCase, Fault, RaceTool, Step } from './explore-case.js';
import type { Workload } from './workloads.js';

/**
 * An explored case as a scenario: black-box only (windows and the simulator's levers), so it runs against any target.
 * Every step goes into the history as it happens; the invariants judge that history like any scenario's.
 */
export function caseScenario(c: ExploreCase, workload: Workload, { id = 'explore-case', title = 'An explored case' } = {}): ScenarioDefinition {
  // The provider consumed the old token and the answer never arrived: a retry is reuse by construction (as in
  // the catalogue's commit-then-fail scenario).
  const lostAnswers = c.steps.some((s) => s.op === 'fault' && s.fault.effect === 'commit-then-fail');
  return defineScenario({
    id,
    title,
    seeds: [],
    tags: ['explore'],
    ...(lostAnswers ? { skipInvariants: ['no-reuse'] } : {}),
    async run(world) {
      await new CaseRun(world, workload).run(c);
    },
  });
}

class CaseRun {
  readonly #windows: Window[];
  readonly #users: string[];
  /** Windows whose last login (or resume) still stands as far as the harness knows: their resume must work. */
  readonly #resumable = new Set<number>();

  constructor(
    private readonly world: BlackBoxWorld,
    workload: Workload,
  ) {
    this.#users = world.sim.users.slice(0, workload.users).map((u) => u.username);
    this.#windows = workload.windows.map((name, i) => world.window(name, { user: this.#users[i % this.#users.length]! }));
  }

  async run(c: ExploreCase): Promise<void> {
    this.world.mark('explore.users', { users: this.#users });
    for (const [i, step] of c.steps.entries()) {
      this.world.mark('explore.step', { step: i + 1, op: step.op });
      await this.#step(step);
    }
  }

  async #step(s: Step): Promise<void> {
    switch (s.op) {
      case 'login':
        return this.#login(s.w, s.user);
      case 'heartbeat':
        return this.world.heartbeat();
      case 'expire':
        this.world.sim.expire({ accessTokensOf: this.#users[s.user]! });
        return;
      case 'fault':
        return this.#fault(s.fault);
      case 'race':
        return this.#race(s.calls, s.gated, s.order, s.heartbeat);
      case 'disconnect':
        return this.#disconnect(s.w);
      case 'resume':
        return this.#resume(s.w);
      default:
        await this.#call(s.w, s.op);
    }
  }

  async #login(w: number, user: number): Promise<void> {
    const username = this.#users[user]!;
    const win = this.#windows[w]!;
    if (win.user !== undefined) {
      // A second login on a logged-in session: the window would take the first login's end for the second's
      // (both end as 'authenticated' on one session id), so its user would be a guess. Not a step the harness can judge.
      this.world.mark('explore.skipped', { step: 'login', window: win.name, reason: `window already logged in as ${win.user}` });
      return;
    }
    // Another window's login of the same user may replace what this one holds: its resume is no longer judged.
    for (const [i, other] of this.#windows.entries()) if (i !== w && other.user === username) this.#resumable.delete(i);
    this.#resumable.delete(w);
    // 'either': a login the provider's faults may refuse is not missing evidence; relogin and works judge it.
    const outcome = await win.login(username, { expect: 'either' });
    if (outcome.ok) this.#resumable.add(w);
  }

  async #disconnect(w: number): Promise<void> {
    const win = this.#windows[w]!;
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
    // Judged ('ok') only when nothing since the login could rightly end it; otherwise recorded, not judged.
    const outcome = await win.resume({ expect: this.#resumable.has(w) ? 'ok' : 'error' });
    if (!outcome.ok) this.#resumable.delete(w);
  }

  async #call(w: number, tool: RaceTool): Promise<void> {
    const win = this.#windows[w]!;
    if (tool === 'logout') {
      const user = win.user;
      const outcome = await win.logout();
      if (outcome.ok || user) for (const [i, other] of this.#windows.entries()) if (other.user === user || i === w) this.#resumable.delete(i);
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

  async #race(calls: Array<{ w: number; tool: RaceTool }>, gated: boolean, order: number[], heartbeat: boolean): Promise<void> {
    let gate: Gate | undefined;
    if (gated) {
      gate = this.world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
      const users = new Set(calls.map((c) => this.#windows[c.w]!.user).filter((u) => u !== undefined));
      for (const u of users) this.world.sim.expire({ accessTokensOf: u });
    }
    const all = Promise.all([...calls.map((c) => this.#call(c.w, c.tool)), ...(heartbeat ? [this.world.heartbeat()] : [])]);
    if (!gate) {
      await all;
      return;
    }
    let done = false;
    const finished = all.then(() => (done = true));
    const released: number[] = [];
    // Held requests go through one at a time, each once no new request has arrived for a quiet period: in the
    // order the case names among those held. A correct server sends one refresh per user, whatever the wait.
    while (!done) {
      const wait = await Promise.race([finished.then(() => undefined), gate.waitFor(gate.held.length + 1, { timeout: harnessDefaults.exploreQuietMs })]);
      if (done || !wait || wait.ok) continue;
      const held = gate.held;
      if (!held.length) continue;
      const pick = held[(order[released.length] ?? 0) % held.length]!;
      released.push(pick.index);
      await gate.releaseInOrder([pick.index]);
    }
    this.world.mark('gate.release-order', { gate: gate.id, order: released });
    await gate.remove();
  }
}
