import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityState } from '../mcp-server/index.js';
import { harnessDefaults } from './defaults.js';
import { History } from './history.js';
import { everyCallWaits, isStill, settledOrStuck, type ServerActivity } from './server-still.js';

const state = (s: Partial<ActivityState>): ActivityState => ({ running: 0, waiting: [], providerRequests: 0, storeLocks: [], ...s });

/** A server whose activity the test sets, telling listeners as the reference server's meter does. */
function fakeActivity(initial: ActivityState) {
  let now = initial;
  const listeners = new Set<() => void>();
  const activity: ServerActivity = {
    state: () => now,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    activity,
    set(next: ActivityState) {
      now = next;
      setImmediate(() => listeners.forEach((l) => l()));
    },
  };
}

/** Lets every queued immediate and continuation run, `n` times over: turns of the event loop, not time. */
const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a still server', () => {
  it('runs nothing, has no answer from the provider on its way, and waits on no store lock that nobody holds', () => {
    expect(isStill(state({ waiting: [{ via: 'request', sessionId: 's', on: 'hold' }] }))).toBe(true);
    expect(isStill(state({ running: 1 }))).toBe(false);
    // A request to the provider counts as waiting only when a gate holds it.
    expect(isStill(state({ providerRequests: 1 }))).toBe(false);
    expect(isStill(state({ providerRequests: 1 }), 1)).toBe(true);
    // A replica waiting on a store lock another strand holds (and waits with) is stuck; on one let go, it is not.
    const queued = { via: 'request' as const, sessionId: 's', on: 'store-lock' as const, key: 'u1' };
    expect(isStill(state({ waiting: [queued], storeLocks: ['u1'] }))).toBe(true);
    expect(isStill(state({ waiting: [queued], storeLocks: [] }))).toBe(false);
  });

  it('has every pending call waiting only when each party has as many waiting strands as calls under way', () => {
    const waiting = state({ waiting: [{ via: 'request', sessionId: 'a', on: 'flight' }, { via: 'heartbeat', on: 'children' }, { via: 'close', sessionId: 'b', on: 'lock' }] });
    expect(everyCallWaits(waiting, [{ sessionId: 'a' }, 'heartbeat'])).toBe(true);
    // A second call of window a is still on its way: it has no strand yet.
    expect(everyCallWaits(waiting, [{ sessionId: 'a' }, { sessionId: 'a' }])).toBe(false);
    // A session's own close is upkeep, not a call of its window.
    expect(everyCallWaits(waiting, [{ sessionId: 'b' }])).toBe(false);
    // A window with no session yet is connecting.
    expect(everyCallWaits(waiting, [{ sessionId: undefined }])).toBe(false);
  });
});

describe('settled or stuck', () => {
  it('waits for the server to say its calls wait, however long nothing happens: no quiet period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = fakeActivity(state({ running: 1 }));
    let outcome: string | undefined;
    const pending = [{ sessionId: 'a' }];
    void settledOrStuck(server.activity, new History(), { settled: () => false, pending: () => pending }, harnessDefaults.exploreStillBoundMs).then((o) => (outcome = o));
    // Nothing new from the server or the history for all but the last millisecond of the bound: a quiet period of any
    // length short of it would have called the call stuck here.
    await vi.advanceTimersByTimeAsync(harnessDefaults.exploreStillBoundMs - 1);
    await turns();
    expect(outcome).toBeUndefined();
    // The server reports the call waiting on a hold: stuck, at once.
    server.set(state({ waiting: [{ via: 'request', sessionId: 'a', on: 'hold' }] }));
    await turns();
    expect(outcome).toBe('stuck');
  });

  it('is settled once the calls settled, and ends at the bound (for the caller to call the case inconclusive) when the server never says', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = fakeActivity(state({ running: 1 }));
    let settled = false;
    const first = settledOrStuck(server.activity, new History(), { settled: () => settled, pending: () => [] }, 1000);
    settled = true;
    server.set(state({ running: 1 }));
    expect(await first).toBe('settled');

    let outcome: string | undefined;
    void settledOrStuck(server.activity, new History(), { settled: () => false, pending: () => [{ sessionId: 'a' }] }, 1000).then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(1000);
    await turns();
    expect(outcome).toBe('bound');
  });

  it('releases a gated race only when every request to the provider is one the gate holds', async () => {
    const server = fakeActivity(state({ providerRequests: 2, waiting: [{ via: 'request', sessionId: 'a', on: 'provider' }, { via: 'request', sessionId: 'b', on: 'provider' }] }));
    let held = 1;
    let outcome: string | undefined;
    const history = new History();
    void settledOrStuck(server.activity, history, { settled: () => false, pending: () => [{ sessionId: 'a' }, { sessionId: 'b' }], gateHeld: () => held }, harnessDefaults.exploreStillBoundMs).then((o) => (outcome = o));
    await turns();
    expect(outcome).toBeUndefined();
    // The second request reaches the gate (the simulator's ledger says so in the history).
    held = 2;
    history.add({ source: { kind: 'runner' }, type: 'fault.gate.held' });
    await turns();
    expect(outcome).toBe('stuck');
  });
});
