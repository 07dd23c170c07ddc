import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import { KeyedMutex } from '../support/index.js';
import { ActivityMeter } from './activity-meter.js';
import { PausePoints } from './pause-points.js';

/** Resolves at the meter's next report (which comes once every promise continuation ran). */
const nextReport = (meter: ActivityMeter) =>
  new Promise<void>((resolve) => {
    const off = meter.subscribe(() => {
      off();
      resolve();
    });
  });

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the activity meter', () => {
  it('counts nothing until someone subscribes, then a strand runs until its work settles', async () => {
    const meter = new ActivityMeter();
    const before = deferred();
    const unseen = meter.run({ via: 'request' }, () => before.promise);
    expect(meter.state().running).toBe(0);
    before.resolve();
    await unseen;

    meter.subscribe(() => undefined);
    const work = deferred();
    const seen = meter.run({ via: 'request', sessionId: 's1' }, () => work.promise);
    expect(meter.state()).toEqual({ running: 1, waiting: [], providerRequests: 0, storeLocks: [] });
    work.resolve();
    await seen;
    expect(meter.state().running).toBe(0);
  });

  it("keeps a strand whose answer was cut short going while its tool still works, with that work's waits counted", async () => {
    const meter = new ActivityMeter();
    meter.subscribe(() => undefined);
    const answered = deferred();
    const revocation = deferred();
    let tool: Promise<void> | undefined;
    // The request's strand settles when its answer is out (here: cut short); the tool it started goes on.
    const request = meter.run({ via: 'request', sessionId: 's1' }, () => {
      const alive = meter.keepAlive();
      tool = meter.provider(revocation.promise).finally(alive);
      return answered.promise;
    });
    answered.resolve();
    await request;
    expect(meter.state()).toEqual({ running: 0, waiting: [{ via: 'request', sessionId: 's1', on: 'provider' }], providerRequests: 1, storeLocks: [] });
    revocation.resolve();
    await tool;
    expect(meter.state()).toEqual({ running: 0, waiting: [], providerRequests: 0, storeLocks: [] });
  });

  it('once closed with its generation, counts nothing even when subscribed, and lets its AsyncLocalStorage go', async () => {
    const meter = new ActivityMeter();
    meter.subscribe(() => undefined);
    const work = deferred();
    const strand = meter.run({ via: 'request' }, () => work.promise);
    expect(meter.state().running).toBe(1);
    const disable = vi.spyOn(AsyncLocalStorage.prototype, 'disable');
    try {
      meter.close();
      // Node runs every enabled AsyncLocalStorage on every promise the process makes, until it is disabled.
      expect(disable).toHaveBeenCalledTimes(1);
    } finally {
      disable.mockRestore();
    }
    work.resolve();
    await strand;
    meter.subscribe(() => undefined);
    const later = deferred();
    const unseen = meter.run({ via: 'request' }, () => later.promise);
    expect(meter.state().running).toBe(0);
    later.resolve();
    await unseen;
  });

  it('reports a party held at a hold point as waiting on the hold, and running again once released', async () => {
    const meter = new ActivityMeter();
    meter.subscribe(() => undefined);
    const pauses = new PausePoints(meter);
    const hold = pauses.hold('token-write');
    const strand = meter.run({ via: 'heartbeat' }, () => pauses.pass('token-write', { userId: 'u1' }));
    await hold.reached;
    expect(meter.state()).toMatchObject({ running: 0, waiting: [{ via: 'heartbeat', on: 'hold' }] });
    hold.release();
    await strand;
    expect(meter.state()).toMatchObject({ running: 0, waiting: [] });
  });

  it("counts a strand queued for a user's lock as waiting on it until the lock is its own, before anyone hears of the change", async () => {
    const meter = new ActivityMeter();
    meter.subscribe(() => undefined);
    const lock = meter.lock(new KeyedMutex(), 'lock');
    const holder = deferred();
    const inside = deferred();
    const first = meter.run({ via: 'request', sessionId: 'a' }, () => lock.run('u1', () => holder.promise));
    const second = meter.run({ via: 'request', sessionId: 'b' }, () => lock.run('u1', () => inside.promise));
    expect(meter.state()).toMatchObject({ running: 1, waiting: [{ sessionId: 'b', on: 'lock', key: 'u1' }] });
    // The holder finishes: by the meter's report the queued strand holds the lock and runs (no instant in between
    // where nothing seems to run while something is about to).
    const report = nextReport(meter);
    holder.resolve();
    await report;
    expect(meter.state()).toMatchObject({ running: 1, waiting: [] });
    inside.resolve();
    await Promise.all([first, second]);
  });

  it('counts a request to the provider until it is answered, and a round waiting on its users as waiting on children', async () => {
    const meter = new ActivityMeter();
    meter.subscribe(() => undefined);
    const answer = deferred();
    const round = meter.run({ via: 'heartbeat' }, () => meter.wait('children', Promise.all([meter.fork(() => meter.provider(answer.promise))])));
    expect(meter.state()).toMatchObject({ running: 0, providerRequests: 1 });
    expect(meter.state().waiting.map((w) => w.on).sort()).toEqual(['children', 'provider']);
    answer.resolve();
    await round;
    expect(meter.state()).toEqual({ running: 0, waiting: [], providerRequests: 0, storeLocks: [] });
  });
});
