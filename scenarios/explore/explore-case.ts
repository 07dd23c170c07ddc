import fc from 'fast-check';
import type { PausePointName } from '../../mcp-server/index.js';
import { TAMPER_KINDS, type TamperKind } from '../../oidc-sim/index.js';
import type { Workload } from './workloads.js';

/** A window's own operation: what a user does in one browser window. */
export type WindowTool = 'get_profile' | 'whoami' | 'status' | 'logout' | 'disconnect' | 'resume';
export const WINDOW_TOOLS: readonly WindowTool[] = ['get_profile', 'whoami', 'status', 'logout', 'disconnect', 'resume'];

/** A data call that may need a refresh: what a race is made of. */
export type RaceTool = 'get_profile' | 'whoami' | 'status' | 'logout';
const RACE_TOOLS: readonly RaceTool[] = ['get_profile', 'whoami', 'status', 'logout'];

/**
 * The reference server's hold points (in process): the server stops there until released, so steps can run in the
 * gap between two of its own actions (mcp-server/pause-points.ts says where each one is).
 */
export type HoldPoint = PausePointName;
export const HOLD_POINTS: readonly HoldPoint[] = ['refresh.before-provider', 'token-write', 'heartbeat.user', 'activation', 'logout.before-revoke'];

/** One call of a race: a window's data call or logout, or (workloads with wide levers) a login as `user`. */
export type RaceCall = { w: number; tool: RaceTool } | { w: number; tool: 'login'; user: number };

/** A simulator lever on refresh requests (token endpoint, grant refresh_token): logins are never faulted. */
export type Fault = { effect: 'latency'; ms: number } | { effect: 'outage'; times: number } | { effect: 'refuse'; times: number } | { effect: 'commit-then-fail' };

/**
 * One step of an explored case. Windows and users are indexes into the workload's windows and the simulator's
 * users, so a case means the same thing in every world of one workload.
 */
export type Step =
  /** `tamper`: the id_token of this login's token answer is bad in this way (a correct server refuses the login). */
  | { op: 'login'; w: number; user: number; tamper?: TamperKind }
  | { op: WindowTool; w: number }
  /** The server's own refresh: a heartbeat round (in process), awaited or forced (black-box); `rounds` in a row. */
  | { op: 'heartbeat'; rounds?: number }
  /** expire-now on every record of a user: the refresh token and the grant end at the provider too. */
  | { op: 'end-tokens'; user: number }
  /**
   * The server is held at `point` (the first pass after the step begins) while `steps` run one after another: each
   * starts once the one before finished or stands still (held, or waiting on what is held); then the hold is released.
   * A window index of `windows.length` in them names the held window: the one whose session or user reached the hold;
   * `windows.length + 1` names another window (the one after the held one). `expire`: every user's access tokens end
   * as the hold is armed, so a data call among the steps must refresh (as in a gated race). With replicas, the hold is
   * armed on the replica of the first step's window (replica 0 for a heartbeat).
   */
  | { op: 'hold'; point: HoldPoint; steps: Step[]; expire?: boolean }
  /** expire-now on a user's access tokens: the next call of any of that user's windows must refresh. */
  | { op: 'expire'; user: number }
  | { op: 'fault'; fault: Fault }
  /**
   * Calls from several windows at once. `gated`: their users' access tokens end first and every refresh request is
   * held at a gate, then let through one at a time in `order` (each entry picks among the requests still held).
   */
  | { op: 'race'; calls: RaceCall[]; gated: boolean; order: number[]; heartbeat: boolean }
  /**
   * A heartbeat round whose refresh requests the network holds for `tenths` tenths of the server's latency margin (the
   * harness stands in for the wall clock: the requests are gated, never slept on). A refresh token whose life left is
   * shorter than that delay ends at the provider while its refresh is on the way. Its life left is the refresh-token
   * lifetime minus the heartbeat interval: the round carries the token the round before got, one interval ago (seed
   * 001 #5). Against a timing that keeps its margin, no delay within the margin outlives a token.
   */
  | { op: 'slow-round'; tenths: number };

/** In a held step's steps, window index `windows.length` names the held window (see `heldWindowIndex`). */
export const heldWindowIndex = (workload: Workload) => workload.windows.length;
/** In a held step's steps, window index `windows.length + 1` names a window other than the held one: the next one. */
export const otherWindowIndex = (workload: Workload) => workload.windows.length + 1;

/** Hold points on a refresh: a data call reaches them only once its user's access token has ended. */
export const REFRESH_HOLD_POINTS: ReadonlySet<HoldPoint> = new Set(['refresh.before-provider', 'token-write']);

export interface ExploreCase {
  steps: Step[];
  /**
   * Workloads that draw the heartbeat timing: `seed-001` starts the server with the seed's 25 s heartbeat against a
   * 30 s refresh token (10 s latency margin), which a careful server refuses (it then runs with its own timing).
   */
  timing?: HeartbeatTimingChoice;
}

/** The heartbeat timing a case asks the server to start with: its own, or seed 001's (25 s against 30 s). */
export type HeartbeatTimingChoice = 'server' | 'seed-001';

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
  const expire = fc.record({ op: fc.constant('expire' as const), user });
  const step: fc.Arbitrary<Step> = workload.wide
    ? wideStep(workload, { w, user, login, windowOp, fault, expire })
    : fc.oneof(
        { arbitrary: login, weight: 3 },
        { arbitrary: windowOp, weight: 6 },
        { arbitrary: race, weight: 3 },
        { arbitrary: fc.constant({ op: 'heartbeat' as const }), weight: 1 },
        { arbitrary: expire, weight: levers ? 1 : 0 },
        { arbitrary: fc.record({ op: fc.constant('fault' as const), fault }), weight: levers ? 1 : 0 },
      );
  const steps = fc.tuple(fc.array(login, { minLength: 0, maxLength: workload.windows.length }), fc.array(step, { minLength: 1, maxLength: workload.maxSteps }));
  if (!workload.timing) return steps.map(([logins, rest]) => ({ steps: [...logins, ...rest] }));
  // Shrinks toward the server's own timing: a failure that keeps seed 001's needs it.
  return fc.tuple(steps, fc.constantFrom<HeartbeatTimingChoice>('server', 'seed-001')).map(([[logins, rest], timing]) => ({ steps: [...logins, ...rest], timing }));
}

/**
 * Steps of a workload with wide levers: the base set, plus tampered logins, ended tokens, heartbeat rounds in a
 * row, logins inside races, and runs of steps while the server is held at a hold point. Every one is generic: which
 * lever, where and with what around it is drawn, never arranged for one flaw.
 */
function wideStep(
  workload: Workload,
  base: { w: fc.Arbitrary<number>; user: fc.Arbitrary<number>; login: fc.Arbitrary<Step>; windowOp: fc.Arbitrary<Step>; fault: fc.Arbitrary<Fault>; expire: fc.Arbitrary<Step> },
): fc.Arbitrary<Step> {
  const { w, user, login, windowOp, fault, expire } = base;
  const tampered = fc.record({ op: fc.constant('login' as const), w, user, tamper: fc.constantFrom(...TAMPER_KINDS) });
  const heartbeat = fc.record({ op: fc.constant('heartbeat' as const), rounds: fc.constantFrom(2, 4) }, { requiredKeys: ['op'] });
  const raceCall: fc.Arbitrary<RaceCall> = fc.oneof(
    { arbitrary: fc.record({ w, tool: fc.constantFrom(...RACE_TOOLS) }), weight: 4 },
    { arbitrary: fc.record({ w, tool: fc.constant('login' as const), user }), weight: 1 },
  );
  const race = fc.record({
    op: fc.constant('race' as const),
    calls: fc.array(raceCall, { minLength: 2, maxLength: Math.max(2, workload.windows.length) }),
    gated: fc.boolean(),
    order: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }),
    heartbeat: fc.boolean(),
  });
  // A held step begins with what brings the server to its hold point (what passes each one: mcp-server/pause-points.ts),
  // drawn among the operations that do, so a hold is reached rather than armed in vain; which window, which user and
  // what follows stay drawn.
  const dataTool = fc.constantFrom<WindowTool>('get_profile', 'whoami', 'status');
  const heartbeatOnce = fc.constant({ op: 'heartbeat' as const });
  const onRefresh = fc.oneof({ arbitrary: fc.record({ op: dataTool, w }), weight: 2 }, { arbitrary: heartbeatOnce, weight: 1 });
  const reaching: Record<HoldPoint, fc.Arbitrary<Step>> = {
    'refresh.before-provider': onRefresh,
    'token-write': onRefresh,
    'heartbeat.user': heartbeatOnce,
    activation: fc.oneof({ arbitrary: login, weight: 3 }, { arbitrary: fc.record({ op: fc.constant('resume' as const), w }), weight: 1 }),
    'logout.before-revoke': fc.record({ op: fc.constant('logout' as const), w }),
  };
  // Then, while the server is held, a nemesis acts on the party it caught mid-way: the held window closes or logs out,
  // its user logs in in another window, it calls again; or anything else happens (rounds, logins, data calls, expiry).
  const held = fc.constant(heldWindowIndex(workload));
  const other = fc.constant(otherWindowIndex(workload));
  const anyTool = fc.constantFrom<WindowTool>('logout', 'disconnect', 'get_profile', 'whoami', 'status', 'resume');
  const nemesis: fc.Arbitrary<Step> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('disconnect' as const), w: held }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('logout' as const), w: held }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('login' as const), w: other, user }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constantFrom<WindowTool>('get_profile', 'whoami', 'status', 'resume'), w: held }), weight: 1 },
    { arbitrary: fc.record({ op: anyTool, w }), weight: 1 },
    { arbitrary: heartbeatOnce, weight: 1 },
    { arbitrary: login, weight: 1 },
    { arbitrary: expire, weight: 1 },
  );
  const hold = fc.oneof(
    ...HOLD_POINTS.map((point) =>
      fc
        .record({ point: fc.constant(point), steps: fc.tuple(reaching[point], fc.array(nemesis, { minLength: 1, maxLength: 2 })) })
        .map(({ point, steps: [reach, rest] }): Step => ({ op: 'hold', point, steps: [reach, ...rest], ...(REFRESH_HOLD_POINTS.has(point) ? { expire: true } : {}) })),
    ),
  );
  // Workloads that draw the heartbeat timing: rounds the network slows, by up to the server's latency margin.
  const slowRound = fc.record({ op: fc.constant('slow-round' as const), tenths: fc.integer({ min: 1, max: 10 }) });
  return fc.oneof(
    ...(workload.timing ? [{ arbitrary: slowRound as fc.Arbitrary<Step>, weight: 3 }] : []),
    { arbitrary: login, weight: 3 },
    { arbitrary: windowOp, weight: 4 },
    { arbitrary: race, weight: 2 },
    { arbitrary: heartbeat, weight: 2 },
    { arbitrary: expire, weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('fault' as const), fault }), weight: 1 },
    { arbitrary: tampered, weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('end-tokens' as const), user }), weight: 1 },
    { arbitrary: hold, weight: 9 },
  );
}

/** The case as numbered lines a person can read (and a test can compare). */
export function describeCase(c: ExploreCase, workload: Workload, users: string[]): string[] {
  const win = (i: number) => workload.windows[i] ?? (i === heldWindowIndex(workload) ? '(the held one)' : i === otherWindowIndex(workload) ? '(not the held one)' : `#${i}`);
  const who = (i: number) => users[i] ?? `user#${i}`;
  const line = (s: Step): string => {
    switch (s.op) {
      case 'login':
        return `window ${win(s.w)} logs in as ${who(s.user)}${s.tamper ? ` (the provider's id_token tampered: ${s.tamper})` : ''}`;
      case 'heartbeat':
        return (s.rounds ?? 1) > 1 ? `the server's own refresh: ${s.rounds} heartbeat rounds in a row` : "the server's own refresh (a heartbeat round)";
      case 'expire':
        return `expire-now: ${who(s.user)}'s access tokens end`;
      case 'end-tokens':
        return `expire-now: every token of ${who(s.user)} ends (refresh token and grant too)`;
      case 'hold':
        return `the server held at '${s.point}'${s.expire ? ", every access token ended first," : ''} while: ${s.steps.map((x) => line(x)).join('; then ')}; then released`;
      case 'fault':
        return `fault on refresh requests: ${describeFault(s.fault)}`;
      case 'race': {
        const calls = s.calls.map((c) => (c.tool === 'login' ? `${win(c.w)} login as ${who(c.user)}` : `${win(c.w)} ${c.tool}`)).join(' | ');
        const beat = s.heartbeat ? ' | heartbeat' : '';
        return s.gated ? `at once, access tokens ended, refreshes gated and released in order [${s.order.join(',')}]: ${calls}${beat}` : `at once: ${calls}${beat}`;
      }
      case 'slow-round':
        return `a heartbeat round whose refreshes the network holds for ${s.tenths * 10}% of the server's latency margin`;
      default:
        return `window ${win(s.w)} ${s.op}`;
    }
  };
  const timing = c.timing === 'seed-001' ? ["0. the server is started with seed 001's heartbeat timing (25 s against a 30 s refresh token, 10 s latency margin); a server that refuses it runs with its own"] : [];
  return [...timing, ...c.steps.map((s, i) => `${i + 1}. ${line(s)}`)];
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
