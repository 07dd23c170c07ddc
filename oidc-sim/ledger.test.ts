import { describe, expect, it } from 'vitest';
import { Ledger } from './ledger.js';

describe('Ledger', () => {
  it('keeps at most its limit of events in memory while subscribers still see every one', () => {
    const ledger = new Ledger(100);
    let seen = 0;
    ledger.subscribe(() => seen++);
    for (let i = 0; i < 1000; i++) ledger.record({ type: 'token.refreshed', endpoint: 'token' });
    expect(seen).toBe(1000);
    const kept = ledger.events();
    expect(kept.length).toBeLessThanOrEqual(110);
    expect(kept.at(-1)!.seq).toBe(999);
    expect(ledger.events({ since: 995 }).map((e) => e.seq)).toEqual([995, 996, 997, 998, 999]);
  });

  it('resolves waitFor with an event recorded later', async () => {
    const ledger = new Ledger();
    const waiting = ledger.waitFor((e) => e.type === 'reuse.detected');
    ledger.record({ type: 'token.refreshed', endpoint: 'token' });
    ledger.record({ type: 'reuse.detected', endpoint: 'token', username: 'alice' });
    expect((await waiting).username).toBe('alice');
  });
});
