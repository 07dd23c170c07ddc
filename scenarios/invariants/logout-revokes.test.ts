import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { logoutRevokes } from './logout-revokes.js';

function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;
const token = { kind: 'sim', endpoint: 'token' } as const;
const logout = (w: string, op: number) => [
  { source: win(w), type: 'call', op, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice' } },
  { source: win(w), type: 'result', op, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice', ok: true } },
];

// Two windows of alice on one grant; A logs out (the provider revokes), then B logs out too.
describe('logout-revokes', () => {
  it('holds when a second window logs out a user whose grant the first logout already revoked', () => {
    const h = history([{ source: token, type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' }, ...logout('A', 1), { source: { kind: 'sim', endpoint: 'revocation' }, type: 'token.revoked', grantId: 'g', user: 'alice' }, ...logout('B', 2)]);
    expect(logoutRevokes.check(h).outcome).toBe('held');
  });

  it('holds when the provider had ended every token of the user before the logout, and fails when it ended them only after', () => {
    const grant = { source: token, type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' };
    const ended = { source: { kind: 'sim', endpoint: 'control' } as const, type: 'token.expired', user: 'alice', detail: { target: 'user' } };
    expect(logoutRevokes.check(history([grant, ended, ...logout('A', 1)])).outcome).toBe('held');
    expect(logoutRevokes.check(history([grant, ...logout('A', 1), ended])).outcome).toBe('violated');
  });

  it('fails when no logout ever revoked the grant', () => {
    const h = history([{ source: token, type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' }, ...logout('A', 1), ...logout('B', 2)]);
    expect(logoutRevokes.check(h)).toMatchObject({ outcome: 'violated', witness: [0, 1, 2] });
  });

  it("does not hold a login still on its way at the logout against it: the grant the logout ends is the one before", () => {
    const first = { source: token, type: 'token.issued', grantId: 'g1', tokenHash: 'r0', user: 'alice' } as const;
    const revoked = { source: { kind: 'sim', endpoint: 'revocation' }, type: 'token.revoked', grantId: 'g1', user: 'alice' } as const;
    const loginCall = { source: win('B'), type: 'call', op: 5, detail: { tool: 'login', loginAs: 'alice' } } as const;
    const second = { source: token, type: 'token.issued', grantId: 'g2', tokenHash: 's0', user: 'alice' } as const;
    const loginResult = { source: win('B'), type: 'result', op: 5, user: 'alice', detail: { tool: 'login', loginAs: 'alice', ok: true } } as const;
    const [call, result] = logout('A', 1);
    // B's login got its tokens before A logged out, and completed after: A's logout revoked g1, the grant it ended.
    expect(logoutRevokes.check(history([first, loginCall, second, call!, revoked, result!, loginResult])).outcome).toBe('held');
    // B's login had completed before the logout was called: its grant g2 is the one the logout must revoke.
    expect(logoutRevokes.check(history([first, loginCall, second, loginResult, call!, revoked, result!])).outcome).toBe('violated');
  });

  it("does not judge a logout its own window called while that window's resume was on its way, and judges the same logout once the resume answered", () => {
    const grant = { source: token, type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' } as const;
    const resumeCall = { source: win('A'), type: 'call', op: 5, user: 'alice', detail: { tool: 'resume', resumeAs: 'alice' } } as const;
    const resumeResult = { source: win('A'), type: 'result', op: 5, user: 'alice', detail: { tool: 'resume', resumeAs: 'alice', ok: true } } as const;
    const [call, result] = logout('A', 1);
    // The server attached the session after the logout: the logout had nobody to log out, and the grant is alive.
    expect(logoutRevokes.check(history([grant, resumeCall, call!, result!, resumeResult])).outcome).toBe('held');
    // The resume had answered before the logout was called: the logout must revoke the grant.
    expect(logoutRevokes.check(history([grant, resumeCall, resumeResult, call!, result!])).outcome).toBe('violated');
    // Another window's resume in flight excuses nothing: the logout still ends the user's grant.
    const otherResume = { ...resumeCall, source: win('B') };
    expect(logoutRevokes.check(history([grant, otherResume, call!, result!])).outcome).toBe('violated');
  });

  it("does not judge a logout its window called while its previous logout was on its way; the first one is judged", () => {
    const grant = (id: string) => ({ source: token, type: 'token.issued', grantId: id, tokenHash: `r-${id}`, user: 'alice' }) as const;
    const revoked = (id: string) => ({ source: { kind: 'sim', endpoint: 'revocation' }, type: 'token.revoked', grantId: id, user: 'alice' }) as const;
    const [first, firstResult] = logout('B', 1);
    const [second, secondResult] = logout('B', 2);
    // B's first logout holds alice; A logs alice in again (g2) before B's second logout, which finds nobody.
    expect(logoutRevokes.check(history([grant('g1'), first!, grant('g2'), second!, secondResult!, revoked('g1'), firstResult!])).outcome).toBe('held');
    // The first logout never revoked g1: still a violation.
    expect(logoutRevokes.check(history([grant('g1'), first!, grant('g2'), second!, secondResult!, firstResult!]))).toMatchObject({ outcome: 'violated', witness: [0, 1, 5] });
  });

  it("does not require a revocation when the provider refused the user's refreshes since the grant (the server may have given the tokens up)", () => {
    const grant = { source: token, type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' } as const;
    const outage = (user: string) => ({ source: { kind: 'fault' }, type: 'fault.outage', user }) as const;
    expect(logoutRevokes.check(history([grant, outage('alice'), ...logout('A', 1)])).outcome).toBe('held');
    expect(logoutRevokes.check(history([grant, outage('bob'), ...logout('A', 1)])).outcome).toBe('violated');
    expect(logoutRevokes.check(history([grant, ...logout('A', 1), outage('alice')])).outcome).toBe('violated');
    // While the logout was on its way (a round spending the failure budget as the logout waited for the user's lock).
    const [call, result] = logout('A', 1);
    expect(logoutRevokes.check(history([grant, call!, outage('alice'), result!])).outcome).toBe('held');
  });
});
