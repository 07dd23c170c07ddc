import type { HistoryEvent, RunResult, ScenarioResult } from '../../scenarios/result-types.js';
import { sampleTokens, tokenHash } from './sample-tokens.js';

type EventInput = Omit<HistoryEvent, 'seq' | 'at'>;

/** Numbers events in order on one clock, the way the runner's history does. */
function history(events: EventInput[], msPerEvent = 3): HistoryEvent[] {
  return events.map((e, seq) => ({ seq, at: seq * msPerEvent, ...e }));
}

const win = (window: string) => ({ kind: 'window', window }) as const;
const sim = (endpoint: string) => ({ kind: 'sim', endpoint }) as const;
const server = { kind: 'server' } as const;
const fault = { kind: 'fault' } as const;
const runner = { kind: 'runner' } as const;

/** global-active-session (seed bug #9): bob's window is answered with alice's profile. */
export function failedIsolationScenario(): ScenarioResult {
  const t = sampleTokens();
  const [a, b] = [tokenHash(t.aliceAccess), tokenHash(t.bobAccess)];
  const events = history([
    { source: runner, type: 'step', detail: { step: 'two windows, two users' } },
    { source: win('w1'), type: 'call', op: 1, user: 'alice', detail: { method: 'login' } },
    { source: sim('token'), type: 'token.issued', user: 'alice', grantId: 'g1', tokenHash: a },
    { source: server, type: 'session.created', user: 'alice', sessionId: 's1' },
    { source: win('w1'), type: 'result', op: 1, user: 'alice', sessionId: 's1', detail: { ok: true } },
    { source: win('w2'), type: 'call', op: 2, user: 'bob', detail: { method: 'login' } },
    { source: sim('token'), type: 'token.issued', user: 'bob', grantId: 'g2', tokenHash: b },
    { source: server, type: 'session.created', user: 'bob', sessionId: 's2' },
    { source: win('w2'), type: 'result', op: 2, user: 'bob', sessionId: 's2', detail: { ok: true } },
    { source: fault, type: 'fault.gate.held', detail: { gate: 'profile', request: 'profile#0', index: 0, held: 1 } },
    { source: win('w1'), type: 'call', op: 3, user: 'alice', sessionId: 's1', detail: { tool: 'get_profile' } },
    { source: win('w2'), type: 'call', op: 4, user: 'bob', sessionId: 's2', detail: { tool: 'get_profile' } },
    { source: server, type: 'token.used', user: 'alice', sessionId: 's2', tokenHash: a },
    { source: sim('resource'), type: 'resource.read', user: 'alice', tokenHash: a },
    { source: fault, type: 'fault.gate.released', detail: { gate: 'profile', request: 'profile#0', index: 0 } },
    { source: win('w2'), type: 'result', op: 4, user: 'bob', sessionId: 's2', detail: { data: { user: 'alice' } } },
    { source: win('w1'), type: 'result', op: 3, user: 'alice', sessionId: 's1', detail: { data: { user: 'alice' } } },
    { source: fault, type: 'fault.hang' },
    { source: sim('token'), type: 'refresh.failed', user: 'bob', grantId: 'g2', detail: { reason: 'client timeout' } },
    { source: fault, type: 'fault.hang.ended', detail: { by: 'client' } },
  ]);
  return {
    id: 'dual-windows-different-users',
    title: 'Two windows, two users, one profile call each',
    seeds: ['001#9'],
    tags: ['isolation'],
    seed: 42,
    flaws: ['global-active-session'],
    status: 'failed',
    durationMs: 812,
    verdicts: [
      { invariant: 'isolation', holds: false, message: "window w2 (bob) received alice's profile", witness: [11, 12, 13, 15] },
      { invariant: 'no-reuse', holds: true, witness: [] },
      { invariant: 'logout-scope', holds: true, witness: [] },
    ],
    history: events,
    replay: 'npx oidc-harness run dual-windows-different-users --seed 42 --flaw global-active-session',
  };
}

/** Hundreds of windows: the timeline must stay readable (collapsed lanes, filter, zoom). */
export function manyWindowsScenario(windows: number): ScenarioResult {
  const events: EventInput[] = [{ source: runner, type: 'step', detail: { step: `${windows} windows` } }];
  for (let w = 1; w <= windows; w++) {
    const name = `w-${String(w).padStart(3, '0')}`;
    const user = `user-${w % Math.max(1, Math.floor(windows / 2))}`;
    events.push(
      { source: win(name), type: 'call', op: w * 2, user, detail: { method: 'login' } },
      { source: sim('token'), type: 'token.issued', user, tokenHash: `h${String(w).padStart(11, '0')}` },
      { source: win(name), type: 'result', op: w * 2, user, sessionId: `s-${w}`, detail: { ok: true } },
      { source: win(name), type: 'call', op: w * 2 + 1, user, sessionId: `s-${w}`, detail: { tool: 'get_profile' } },
      { source: win(name), type: 'result', op: w * 2 + 1, user, sessionId: `s-${w}`, detail: { data: { user } } },
    );
  }
  return {
    id: 'many-clients',
    title: `Many clients (${windows} windows) keep isolation`,
    seeds: ['001'],
    tags: ['load', 'isolation'],
    seed: 42,
    flaws: [],
    status: 'passed',
    durationMs: 2400,
    verdicts: [
      { invariant: 'isolation', holds: true, witness: [] },
      { invariant: 'bounded', holds: true, witness: [] },
    ],
    history: history(events, 1),
    replay: 'npx oidc-harness run many-clients --seed 42',
  };
}

/** A harness bug: reported as an error, never as a failed invariant. */
export function harnessErrorScenario(): ScenarioResult {
  return {
    id: 'server-restart-persistent-store',
    title: 'Server restart with a persistent store',
    seeds: ['000'],
    tags: ['restart'],
    seed: 42,
    flaws: [],
    status: 'error',
    durationMs: 95,
    verdicts: [],
    error: { message: 'world setup failed: port 0 bind refused (EACCES)' },
    history: history([{ source: runner, type: 'step', detail: { step: 'start world' } }]),
    replay: 'npx oidc-harness run server-restart-persistent-store --seed 42',
  };
}

export interface SampleRunOptions {
  /** Windows in the passed many-clients scenario; a few hundred exercises the collapsed lanes. */
  windows?: number;
}

/** A run with one failed scenario (with a witness), a flaw matrix, a big passed scenario and a harness error. */
export function sampleRun(options: SampleRunOptions = {}): RunResult {
  return {
    startedAt: '2025-01-01T12:00:00.000Z',
    durationMs: 3400,
    seed: 42,
    repeat: 1,
    target: 'reference',
    scenarios: [failedIsolationScenario(), manyWindowsScenario(options.windows ?? 12), harnessErrorScenario()],
    matrix: {
      flaws: ['global-active-session', 'unlocked-refresh', 'no-revoke-on-logout'],
      scenarios: ['dual-windows-different-users', 'heartbeat-tool-race', 'logout-then-login'],
      cells: {
        'global-active-session': { 'dual-windows-different-users': ['isolation'], 'heartbeat-tool-race': [], 'logout-then-login': ['relogin'] },
        'unlocked-refresh': { 'dual-windows-different-users': [], 'heartbeat-tool-race': ['no-reuse', 'bounded'], 'logout-then-login': [] },
        'no-revoke-on-logout': { 'dual-windows-different-users': [], 'heartbeat-tool-race': [], 'logout-then-login': [] },
      },
      falseAlarms: [],
    },
    machine: { node: 'v20.19.0', platform: 'linux', cpus: 2 },
  };
}
