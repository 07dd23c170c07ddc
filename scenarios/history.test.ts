import { describe, expect, it } from 'vitest';
import { History } from './history.js';

const server = (type: string, sessionId: string) => ({ source: { kind: 'server' as const }, type, sessionId });

describe('History.until', () => {
  it('resolves at a matching event already recorded', async () => {
    const h = new History();
    h.add(server('login.succeeded', 's1'));
    await expect(h.until((e) => e.type === 'login.succeeded')).resolves.toMatchObject({ seq: 0 });
  });

  it('from a given event on, waits past an earlier match for the next one (a second login on one session)', async () => {
    const h = new History();
    h.add(server('login.succeeded', 's1'));
    const since = h.events.length;
    let settled: number | undefined;
    const second = h.until((e) => e.type === 'login.succeeded' && e.sessionId === 's1', since).then((e) => (settled = e.seq));
    h.add(server('login.started', 's1'));
    await Promise.resolve();
    expect(settled).toBeUndefined();
    h.add(server('login.succeeded', 's1'));
    await second;
    expect(settled).toBe(2);
  });
});
