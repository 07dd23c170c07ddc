import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { History } from './history.js';
import { withStallWatchdog } from './stall-watchdog.js';

describe('withStallWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a run that keeps recording go on past the bound, and stops it once it has been silent for the whole bound', async () => {
    const history = new History();
    const outcome = withStallWatchdog(new Promise<void>(() => undefined), history, 100, 'slow').then(
      () => 'resolved',
      (err: Error) => err.message,
    );
    // An event every 60 ms: never 100 ms of silence, though the run lasts 300 ms.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(60);
      history.add({ source: { kind: 'runner' }, type: `step-${i}` });
    }
    await vi.advanceTimersByTimeAsync(99);
    let settled: string | undefined;
    void outcome.then((o) => (settled = o));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('scenario slow recorded nothing for 100 ms (last event: #4 step-4)');
  });

  it('leaves no timer behind once the run ends', async () => {
    const history = new History();
    await withStallWatchdog(Promise.resolve(), history, 100, 'quick');
    expect(vi.getTimerCount()).toBe(0);
  });
});
