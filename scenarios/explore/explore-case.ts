import fc from 'fast-check';
import type { Workload } from './workloads.js';

/** A window's own operation: what a user does in one browser window. */
export type WindowTool = 'get_profile' | 'whoami' | 'status' | 'logout' | 'disconnect' | 'resume';
export const WINDOW_TOOLS: readonly WindowTool[] = ['get_profile', 'whoami', 'status', 'logout', 'disconnect', 'resume'];

/** A data call that may need a refresh: what a race is made of. */
export type RaceTool = 'get_profile' | 'whoami' | 'status' | 'logout';
const RACE_TOOLS: readonly RaceTool[] = ['get_profile', 'whoami', 'status', 'logout'];

/** A simulator lever on refresh requests (token endpoint, grant refresh_token): logins are never faulted. */
export type Fault = { effect: 'latency'; ms: number } | { effect: 'outage'; times: number } | { effect: 'refuse'; times: number } | { effect: 'commit-then-fail' };

/**
 * One step of an explored case. Windows and users are indexes into the workload's windows and the simulator's
 * users, so a case means the same thing in every world of one workload.
 */
export type Step =
  | { op: 'login'; w: number; user: number }
  | { op: WindowTool; w: number }
  /** The server's own refresh: a heartbeat round (in process), awaited or forced (black-box). */
  | { op: 'heartbeat' }
  /** expire-now on a user's access tokens: the next call of any of that user's windows must refresh. */
  | { op: 'expire'; user: number }
  | { op: 'fault'; fault: Fault }
  /**
   * Calls from several windows at once. `gated`: their users' access tokens end first and every refresh request is
   * held at a gate, then let through one at a time in `order` (each entry picks among the requests still held).
   */
  | { op: 'race'; calls: Array<{ w: number; tool: RaceTool }>; gated: boolean; order: number[]; heartbeat: boolean };

export interface ExploreCase {
  steps: Step[];
}

/**
 * The arbitrary of cases for a workload: a few logins first (so most cases have someone to judge), then a mix of
 * window operations, races and levers. fast-check shrinks a failing case by dropping steps and simplifying them.
 */
export function exploreCase(workload: Workload): fc.Arbitrary<ExploreCase> {
  const w = fc.nat({ max: workload.windows.length - 1 });
  const user = fc.nat({ max: workload.users - 1 });
  const login = fc.record({ op: fc.constant('login' as const), w, user });
  const windowOp = fc.record({ op: fc.constantFrom(...WINDOW_TOOLS), w });
  const fault: fc.Arbitrary<Fault> = fc.oneof(
    fc.record({ effect: fc.constant('latency' as const), ms: fc.constantFrom(5, 20, 60) }),
    fc.record({ effect: fc.constant('outage' as const), times: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ effect: fc.constant('refuse' as const), times: fc.integer({ min: 1, max: 2 }) }),
    fc.record({ effect: fc.constant('commit-then-fail' as const) }),
  );
  const race = fc.record({
    op: fc.constant('race' as const),
    calls: fc.array(fc.record({ w, tool: fc.constantFrom(...RACE_TOOLS) }), { minLength: 2, maxLength: Math.max(2, workload.windows.length) }),
    gated: fc.boolean(),
    order: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }),
    heartbeat: fc.boolean(),
  });
  const levers = workload.levers;
  const step: fc.Arbitrary<Step> = fc.oneof(
    { arbitrary: login, weight: 3 },
    { arbitrary: windowOp, weight: 6 },
    { arbitrary: race, weight: 3 },
    { arbitrary: fc.constant({ op: 'heartbeat' as const }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('expire' as const), user }), weight: levers ? 1 : 0 },
    { arbitrary: fc.record({ op: fc.constant('fault' as const), fault }), weight: levers ? 1 : 0 },
  );
  return fc
    .tuple(fc.array(login, { minLength: 0, maxLength: workload.windows.length }), fc.array(step, { minLength: 1, maxLength: workload.maxSteps }))
    .map(([logins, rest]) => ({ steps: [...logins, ...rest] }));
}

/** The case as numbered lines a person can read (and a test can compare). */
export function describeCase(c: ExploreCase, workload: Workload, users: string[]): string[] {
  const win = (i: number) => workload.windows[i] ?? `#${i}`;
  const who = (i: number) => users[i] ?? `user#${i}`;
  const line = (s: Step): string => {
    switch (s.op) {
      case 'login':
        return `window ${win(s.w)} logs in as ${who(s.user)}`;
      case 'heartbeat':
        return "the server's own refresh (a heartbeat round)";
      case 'expire':
        return `expire-now: ${who(s.user)}'s access tokens end`;
      case 'fault':
        return `fault on refresh requests: ${describeFault(s.fault)}`;
      case 'race': {
        const calls = s.calls.map((c) => `${win(c.w)} ${c.tool}`).join(' | ');
        const beat = s.heartbeat ? ' | heartbeat' : '';
        return s.gated ? `at once, access tokens ended, refreshes gated and released in order [${s.order.join(',')}]: ${calls}${beat}` : `at once: ${calls}${beat}`;
      }
      default:
        return `window ${win(s.w)} ${s.op}`;
    }
  };
  return c.steps.map((s, i) => `${i + 1}. ${line(s)}`);
}

function describeFault(f: Fault): string {
  switch (f.effect) {
    case 'latency':
      return `${f.ms} ms latency on the next 3`;
    case 'outage':
      return `outage (503) for the next ${f.times}`;
    case 'refuse':
      return `refused (503) for the next ${f.times}`;
    case 'commit-then-fail':
      return 'the next one commits, then its answer is lost';
  }
}
