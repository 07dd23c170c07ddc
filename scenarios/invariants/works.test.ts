import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { evidence } from './evidence.js';
import { isolation } from './isolation.js';
import { works } from './works.js';

function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;
const login = (window: string, user: string, ok = true, extra: Record<string, unknown> = {}) =>
  ({ source: win(window), type: 'result', user: ok ? user : undefined, detail: { tool: 'login', ok, loginAs: user, expect: 'ok', ...extra } }) as const;
const profile = (window: string, user: string, detail: Record<string, unknown>) => ({ source: win(window), type: 'result', user, detail: { tool: 'get_profile', ...detail } }) as const;

describe('works', () => {
  it('fails when a logged-in window gets an error with nothing in the ledger to excuse it', () => {
    const h = history([login('A', 'alice'), profile('A', 'alice', { ok: false, error: 'provider_unavailable', message: 'ECONNREFUSED' })]);
    expect(works.check(h)).toMatchObject({ outcome: 'violated', witness: [0, 1] });
    expect(works.check(h).message).toMatch(/get_profile in window A \(alice\) answered provider_unavailable: ECONNREFUSED/);
  });

  it('excuses an error after a provider-side end of the grant or an outage, and after a logout', () => {
    for (const excuse of [
      { source: { kind: 'sim', endpoint: 'token' }, type: 'grant.revoked', user: 'alice' },
      { source: { kind: 'fault' }, type: 'fault.outage' },
      { source: win('B'), type: 'call', detail: { tool: 'logout', loggedOutUser: 'alice' } },
    ] as const) {
      const h = history([login('A', 'alice'), excuse, profile('A', 'alice', { ok: false, error: 'needs_reauth' })]);
      expect(works.check(h).outcome).toBe('held');
    }
  });

  it('does not hold a resume that answered needs_reauth as a live login, and does hold one that answered authenticated', () => {
    const resume = (status: string) => ({ source: win('A'), type: 'result', user: 'alice', detail: { tool: 'resume', ok: true, resumeAs: 'alice', status } }) as const;
    const failed = profile('A', 'alice', { ok: false, error: 'needs_reauth' });
    expect(works.check(history([resume('needs_reauth'), failed])).outcome).toBe('held');
    expect(works.check(history([resume('authenticated'), failed])).outcome).toBe('violated');
  });

  it('does not excuse an error after expiring only the access tokens (that forces a refresh, nothing more)', () => {
    const h = history([
      login('A', 'alice'),
      { source: { kind: 'sim', endpoint: 'control' }, type: 'token.expired', user: 'alice', detail: { target: 'access' } },
      profile('A', 'alice', { ok: false, error: 'needs_reauth' }),
    ]);
    expect(works.check(h).outcome).toBe('violated');
  });

  it("excuses a call's error when the access tokens were ended while that call was on its way, not before it", () => {
    const expired = { source: { kind: 'sim', endpoint: 'control' }, type: 'token.expired', user: 'alice', detail: { target: 'access' } } as const;
    const call = { source: win('A'), type: 'call', op: 2, user: 'alice', detail: { tool: 'get_profile' } } as const;
    const failed = { ...profile('A', 'alice', { ok: false, error: 'needs_reauth' }), op: 2 };
    expect(works.check(history([login('A', 'alice'), call, expired, failed])).outcome).toBe('held');
    expect(works.check(history([login('A', 'alice'), expired, call, failed])).outcome).toBe('violated');
  });

  it('is inconclusive, naming the cause, when no login completed', () => {
    const h = history([login('A', 'alice', false, { error: 'provider_error', message: 'invalid_client' })]);
    expect(works.check(h)).toMatchObject({ outcome: 'inconclusive', holds: false });
    expect(works.check(h).message).toMatch(/no login completed.*provider_error: invalid_client/);
  });

  it('reports a target that exited mid-run with its code', () => {
    const h = history([login('A', 'alice'), { source: { kind: 'runner' }, type: 'target.exited', detail: { code: 7, signal: null } }]);
    expect(works.check(h)).toMatchObject({ outcome: 'violated', message: expect.stringMatching(/exited mid-run with code 7/) });
  });
});

describe('no vacuous verdicts', () => {
  it('isolation is inconclusive when no answer carried a recognisable user', () => {
    const h = history([login('A', 'alice'), profile('A', 'alice', { ok: true })]);
    expect(isolation.check(h)).toMatchObject({ outcome: 'inconclusive', holds: false });
    expect(isolation.check(history([login('A', 'alice'), profile('A', 'alice', { ok: true, dataUser: 'alice' })])).outcome).toBe('held');
  });

  it('evidence is inconclusive when a race never formed or a needed login never completed, not for a refused one', () => {
    const race = history([{ source: { kind: 'runner' }, type: 'inconclusive', detail: { reason: 'the refresh never reached the gate' } }]);
    expect(evidence.check(race)).toMatchObject({ outcome: 'inconclusive', message: 'the refresh never reached the gate' });
    expect(evidence.check(history([login('A', 'alice', false, { error: 'x' })])).outcome).toBe('inconclusive');
    expect(evidence.check(history([login('A', 'alice', false, { error: 'x', expect: 'refused' })])).outcome).toBe('held');
  });
});
