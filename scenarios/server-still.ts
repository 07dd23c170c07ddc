import type { ActivityState, McpSessionServer } from '../mcp-server/index.js';
import type { History } from './history.js';
import type { ServerHandle } from './server-handle.js';

export type ServerActivity = NonNullable<ServerHandle['activity']>;

/**
 * The activity of in-process reference servers (every replica) as one: states added up, listeners told of a change
 * on any of them. A server's meter is off until watched (it costs every promise a little): the first `subscribe`
 * watches the servers there are, `watch()` the ones a restart started; a caller subscribes before any window connects.
 */
export function watchedActivity(servers: () => readonly Pick<McpSessionServer, 'activity'>[]): ServerActivity & { watch(): void } {
  const listeners = new Set<() => void>();
  const watched = new WeakSet<object>();
  const watch = () => {
    if (!listeners.size) return;
    for (const s of servers()) {
      if (watched.has(s)) continue;
      watched.add(s);
      s.activity.subscribe(() => listeners.forEach((l) => l()));
    }
  };
  return {
    watch,
    state: () => mergeStates(servers().map((s) => s.activity.state())),
    subscribe(listener) {
      listeners.add(listener);
      watch();
      return () => listeners.delete(listener);
    },
  };
}

function mergeStates(states: ActivityState[]): ActivityState {
  return {
    running: states.reduce((n, s) => n + s.running, 0),
    waiting: states.flatMap((s) => s.waiting),
    providerRequests: states.reduce((n, s) => n + s.providerRequests, 0),
    storeLocks: states.flatMap((s) => s.storeLocks),
  };
}

/**
 * The server can do nothing more by itself: no strand runs, every request to the provider is one a gate holds
 * (`gateHeld`, 0 without a gate), and every replica waiting on a user's store lock waits on one another strand holds
 * (a lock let go but not yet taken up is on its way, not waiting on anything held).
 */
export function isStill(state: ActivityState, gateHeld = 0): boolean {
  if (state.running > 0 || state.providerRequests !== gateHeld) return false;
  const held = new Set(state.storeLocks);
  return state.waiting.every((w) => w.on !== 'store-lock' || (w.key !== undefined && held.has(w.key)));
}

/** Who a pending call works for at the server: a window's MCP session (requests, login completion) or the heartbeat. */
export type Party = { sessionId: string | undefined } | 'heartbeat';

/**
 * Whether every pending call waits at the server: for each party, at least as many of its strands wait as it has
 * calls pending. A call still on its way to the server, or between two of its requests (the harness approving a
 * login at the provider), has no waiting strand and so is not stuck.
 */
export function everyCallWaits(state: ActivityState, pending: readonly Party[]): boolean {
  const key = (p: Party) => (p === 'heartbeat' ? 'heartbeat' : `s:${p.sessionId}`);
  const calls = new Map<string, number>();
  for (const p of pending) {
    if (p !== 'heartbeat' && p.sessionId === undefined) return false;
    calls.set(key(p), (calls.get(key(p)) ?? 0) + 1);
  }
  const waits = new Map<string, number>();
  for (const w of state.waiting) {
    const k = w.via === 'heartbeat' ? 'heartbeat' : (w.via === 'request' || w.via === 'login') && w.sessionId ? `s:${w.sessionId}` : undefined;
    if (k) waits.set(k, (waits.get(k) ?? 0) + 1);
  }
  return [...calls].every(([k, n]) => (waits.get(k) ?? 0) >= n);
}

export type StillOutcome = 'settled' | 'stuck' | 'bound';

/**
 * Resolves 'settled' once `settled()` is true, or 'stuck' at the first moment the server is still (`isStill`) and
 * every pending call waits there (`pending()`), checked whenever the server's activity or the history changed (after
 * every promise continuation ran). 'bound' after `boundMs` with neither: something the server does not report;
 * the caller says so in the history. No verdict waits on a clock: the bound only ends a run that would hang.
 */
export function settledOrStuck(
  activity: ServerActivity,
  history: History,
  probe: { settled(): boolean; pending(): Party[]; gateHeld?(): number; changed?: Promise<unknown> },
  boundMs: number,
): Promise<StillOutcome> {
  return new Promise((resolve) => {
    let scheduled = false;
    let over = false;
    const offs: Array<() => void> = [];
    const finish = (outcome: StillOutcome) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      offs.forEach((off) => off());
      resolve(outcome);
    };
    const check = () => {
      scheduled = false;
      if (over) return;
      if (probe.settled()) return finish('settled');
      const state = activity.state();
      if (isStill(state, probe.gateHeld?.() ?? 0) && everyCallWaits(state, probe.pending())) finish('stuck');
    };
    const soon = () => {
      if (scheduled || over) return;
      scheduled = true;
      setImmediate(check);
    };
    const timer = setTimeout(() => finish('bound'), boundMs);
    offs.push(activity.subscribe(soon), history.onEvent(soon));
    void probe.changed?.then(soon, soon);
    soon();
  });
}
