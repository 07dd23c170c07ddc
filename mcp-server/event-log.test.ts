import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.js';

describe('EventLog', () => {
  it('keeps the last events within its limit while subscribers see every one', () => {
    const log = new EventLog(50);
    let seen = 0;
    log.subscribe(() => seen++);
    for (let i = 0; i < 500; i++) log.record({ type: 'heartbeat.started', cycle: i, users: 0 });
    expect(seen).toBe(500);
    expect(log.events().length).toBeLessThanOrEqual(55);
    expect(log.events({ since: 497 }).map((e) => e.seq)).toEqual([497, 498, 499]);
    expect(log.nextSeq).toBe(500);
  });
});
