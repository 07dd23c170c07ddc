import { describe, expect, it } from 'vitest';
import { pool } from './pool.js';

describe('pool', () => {
  it('keeps at most limit tasks in flight, each lane one task at a time, and returns results in item order', async () => {
    const running = new Set<number>();
    const busyLanes = new Set<number>();
    const lanesSeen = new Set<number>();
    let most = 0;
    const opens: Array<() => void> = [];
    const done = pool([10, 20, 30, 40, 50], 2, async (item, index, lane) => {
      expect(busyLanes.has(lane), `lane ${lane} given a second task while busy`).toBe(false);
      busyLanes.add(lane);
      lanesSeen.add(lane);
      running.add(index);
      most = Math.max(most, running.size);
      // Each task waits until the test lets it go, so two are in flight at once whenever the pool allows it.
      await new Promise<void>((resolve) => opens.push(resolve));
      running.delete(index);
      busyLanes.delete(lane);
      return item + index;
    });
    while (opens.length || running.size) {
      await new Promise((r) => setImmediate(r));
      opens.shift()?.();
    }
    expect(await done).toEqual([10, 21, 32, 43, 54]);
    expect(most).toBe(2);
    expect([...lanesSeen].sort()).toEqual([0, 1]);
  });
});
