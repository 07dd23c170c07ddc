import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCase, exploreCase, heldWindowIndex, HOLD_POINTS, otherWindowIndex, type ExploreCase, type HoldPoint } from './explore-case.js';
import { workloadNamed, workloads } from './workloads.js';

describe('explored cases', () => {
  it('name only the windows and users of their workload, and pull levers only where the workload allows', () => {
    for (const workload of workloads) {
      const cases = fc.sample(exploreCase(workload), { seed: 7, numRuns: 200 });
      for (const c of cases) {
        const windows = c.steps.flatMap((s) => ('w' in s ? [s.w] : s.op === 'race' ? s.calls.map((x) => x.w) : []));
        const users = c.steps.flatMap((s) => ('user' in s ? [s.user] : []));
        expect(Math.max(-1, ...windows)).toBeLessThan(workload.windows.length);
        expect(Math.max(-1, ...users)).toBeLessThan(workload.users);
        if (!workload.levers) expect(c.steps.filter((s) => s.op === 'fault' || s.op === 'expire')).toEqual([]);
      }
      // Drawn, not fixed: the cases of one workload differ, and races and levers do occur.
      expect(new Set(cases.map((c) => JSON.stringify(c))).size).toBeGreaterThan(150);
      expect(cases.some((c) => c.steps.some((s) => s.op === 'race' && s.gated))).toBe(true);
      if (workload.levers) expect(cases.some((c) => c.steps.some((s) => s.op === 'fault'))).toBe(true);
    }
  });

  it('of a workload with wide levers also hold the server, tamper with logins, end tokens, run rounds in a row and log in inside races', () => {
    const cases = fc.sample(exploreCase(workloadNamed('wide')), { seed: 7, numRuns: 300 });
    const steps = cases.flatMap((c) => c.steps);
    const holds = steps.filter((s) => s.op === 'hold');
    // Every hold point is drawn, each with steps to run while it holds (never a nested hold or race).
    expect(new Set(holds.map((s) => s.point)).size).toBe(5);
    for (const h of holds) {
      expect(h.steps.length).toBeGreaterThan(0);
      expect(h.steps.filter((s) => s.op === 'hold' || s.op === 'race')).toEqual([]);
    }
    expect(new Set(steps.flatMap((s) => (s.op === 'login' && s.tamper ? [s.tamper] : []))).size).toBe(4);
    expect(steps.some((s) => s.op === 'end-tokens')).toBe(true);
    expect(steps.some((s) => s.op === 'heartbeat' && (s.rounds ?? 1) > 1)).toBe(true);
    expect(steps.some((s) => s.op === 'race' && s.calls.some((c) => c.tool === 'login'))).toBe(true);
    // The base workloads draw none of these: their cases (and the figures measured with them) stay as they were.
    const base = fc.sample(exploreCase(workloadNamed('two-windows')), { seed: 7, numRuns: 300 }).flatMap((c) => c.steps);
    expect(base.filter((s) => s.op === 'hold' || s.op === 'end-tokens' || (s.op === 'login' && s.tamper) || (s.op === 'heartbeat' && s.rounds))).toEqual([]);
  });

  it('of a workload with wide levers begin each held step with an operation that reaches its hold point, then act on the held party', () => {
    const wide = workloadNamed('wide');
    const holds = fc.sample(exploreCase(wide), { seed: 11, numRuns: 300 }).flatMap((c) => c.steps.filter((s) => s.op === 'hold'));
    // What passes each hold point (mcp-server/pause-points.ts): a refresh (a data call with every access token ended
    // first, or a round), a round's user, a login or resume, a logout.
    const reaches: Record<HoldPoint, string[]> = {
      'refresh.before-provider': ['get_profile', 'whoami', 'status', 'heartbeat'],
      'token-write': ['get_profile', 'whoami', 'status', 'heartbeat'],
      'heartbeat.user': ['heartbeat'],
      activation: ['login', 'resume'],
      'logout.before-revoke': ['logout'],
    };
    for (const h of holds) {
      const [first, ...rest] = h.steps;
      expect(reaches[h.point]).toContain(first!.op);
      if ('w' in first!) expect(first.w).toBeLessThan(wide.windows.length);
      expect(h.expire === true).toBe(h.point === 'refresh.before-provider' || h.point === 'token-write');
      expect(rest.length).toBeGreaterThan(0);
    }
    // A nemesis acts on the party the hold caught: the held window closes or logs out, its user logs in elsewhere.
    const after = holds.flatMap((h) => h.steps.slice(1));
    const held = heldWindowIndex(wide);
    expect(after.some((s) => s.op === 'disconnect' && s.w === held)).toBe(true);
    expect(after.some((s) => s.op === 'logout' && s.w === held)).toBe(true);
    expect(after.some((s) => s.op === 'login' && s.w === otherWindowIndex(wide))).toBe(true);
    // Each point drawn with its reaching operation and a nemesis on the held window right after it, often.
    for (const point of HOLD_POINTS) {
      const caught = holds.filter((h) => h.point === point && h.steps.slice(1).some((s) => (s.op === 'disconnect' || s.op === 'logout') && s.w === held));
      expect(caught.length, point).toBeGreaterThan(5);
    }
  });

  it('are the same for the same seed, so a seed and a path name one case', () => {
    const arb = exploreCase(workloadNamed('two-windows'));
    expect(fc.sample(arb, { seed: 3, numRuns: 20 })).toEqual(fc.sample(arb, { seed: 3, numRuns: 20 }));
    expect(fc.sample(arb, { seed: 3, numRuns: 20 })).not.toEqual(fc.sample(arb, { seed: 4, numRuns: 20 }));
  });

  it('read as numbered steps naming windows, users and levers', () => {
    const c: ExploreCase = {
      steps: [
        { op: 'login', w: 1, user: 0 },
        { op: 'race', calls: [{ w: 0, tool: 'get_profile' }, { w: 1, tool: 'logout' }], gated: true, order: [1], heartbeat: false },
        { op: 'fault', fault: { effect: 'outage', times: 2 } },
        { op: 'expire', user: 1 },
        { op: 'disconnect', w: 0 },
        { op: 'login', w: 0, user: 1, tamper: 'unknown-key' },
        { op: 'hold', point: 'activation', steps: [{ op: 'login', w: 1, user: 0 }, { op: 'disconnect', w: 1 }] },
        { op: 'hold', point: 'refresh.before-provider', expire: true, steps: [{ op: 'get_profile', w: 0 }, { op: 'logout', w: 2 }, { op: 'login', w: 3, user: 0 }] },
        { op: 'end-tokens', user: 0 },
        { op: 'heartbeat', rounds: 3 },
        { op: 'race', calls: [{ w: 0, tool: 'get_profile' }, { w: 1, tool: 'login', user: 0 }], gated: false, order: [], heartbeat: true },
      ],
    };
    expect(describeCase(c, workloadNamed('two-windows'), ['alice', 'bob'])).toEqual([
      '1. window B logs in as alice',
      '2. at once, access tokens ended, refreshes gated and released in order [1]: A get_profile | B logout',
      '3. fault on refresh requests: outage (503) for the next 2',
      "4. expire-now: bob's access tokens end",
      '5. window A disconnect',
      "6. window A logs in as bob (the provider's id_token tampered: unknown-key)",
      "7. the server held at 'activation' while: window B logs in as alice; then window B disconnect; then released",
      "8. the server held at 'refresh.before-provider', every access token ended first, while: window A get_profile; then window (the held one) logout; then window (not the held one) logs in as alice; then released",
      '9. expire-now: every token of alice ends (refresh token and grant too)',
      "10. the server's own refresh: 3 heartbeat rounds in a row",
      '11. at once: A get_profile | B login as alice | heartbeat',
    ]);
  });
});
