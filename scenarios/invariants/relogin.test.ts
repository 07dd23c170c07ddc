import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { relogin } from './relogin.js';

function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;

// Window B logs out; a login of B's ends logged_out. Found by explore: the login was called first and its activation
// held while B logged out.
const logoutAndLogin = (loginFirst: boolean) => {
  const login = { source: win('B'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'alice' } } as const;
  return history([
    ...(loginFirst ? [login] : []),
    { source: win('B'), type: 'call', op: 1, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice' } },
    { source: win('B'), type: 'result', op: 1, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice', ok: true } },
    ...(loginFirst ? [] : [login]),
    { source: win('B'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'alice', ok: false, error: 'login ended logged_out' } },
  ]);
};

describe('relogin', () => {
  it('fails when a login called after the logout answered does not complete', () => {
    expect(relogin.check(logoutAndLogin(false))).toMatchObject({ outcome: 'violated', witness: [1, 3] });
  });

  it('holds when the failed login was called before the logout: the window logged out while it was on its way', () => {
    expect(relogin.check(logoutAndLogin(true)).outcome).toBe('held');
  });

  it("holds when another window logged the login's user out while the login was on its way, and not when it logged out someone else", () => {
    const rows = (loggedOutUser: string) =>
      history([
        { source: win('A'), type: 'call', op: 1, user: 'alice', detail: { tool: 'logout' } },
        { source: win('A'), type: 'result', op: 1, user: 'alice', detail: { tool: 'logout', ok: true } },
        { source: win('A'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'alice' } },
        { source: win('B'), type: 'call', op: 3, user: loggedOutUser, detail: { tool: 'logout', loggedOutUser } },
        { source: win('A'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'alice', ok: false, error: 'login ended anonymous' } },
      ]);
    expect(relogin.check(rows('alice')).outcome).toBe('held');
    expect(relogin.check(rows('bob'))).toMatchObject({ outcome: 'violated', witness: [1, 4] });
  });

  it("holds when the window's own hang-up ended the login, whether or not its disconnect was recorded before the result", () => {
    const rows = (error: string) =>
      history([
        { source: win('A'), type: 'call', op: 1, user: 'alice', detail: { tool: 'logout' } },
        { source: win('A'), type: 'result', op: 1, user: 'alice', detail: { tool: 'logout', ok: true } },
        { source: win('A'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'alice' } },
        { source: win('A'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'alice', ok: false, error } },
        { source: win('A'), type: 'disconnect', detail: { terminate: true } },
      ]);
    expect(relogin.check(rows('disconnected')).outcome).toBe('held');
    expect(relogin.check(rows('transport_error'))).toMatchObject({ outcome: 'violated', witness: [1, 3] });
  });

  it("holds when the provider ended the user's grant while the login was on its way, and not when it ended another user's", () => {
    const rows = (user: string) =>
      history([
        { source: win('B'), type: 'call', op: 1, user: 'alice', detail: { tool: 'logout' } },
        { source: win('B'), type: 'result', op: 1, user: 'alice', detail: { tool: 'logout', ok: true } },
        { source: win('B'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'bob' } },
        { source: { kind: 'sim', endpoint: 'token' }, type: 'reuse.detected', user },
        { source: win('B'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'bob', ok: false, error: 'login ended needs_reauth' } },
      ]);
    expect(relogin.check(rows('bob')).outcome).toBe('held');
    expect(relogin.check(rows('alice'))).toMatchObject({ outcome: 'violated', witness: [1, 4] });
  });

  it("holds when another window's logout of the user, called before the login, was still on its way when the login was called", () => {
    const rows = (answeredFirst: boolean) => {
      const otherLogout = { source: win('B'), type: 'call', op: 3, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice' } } as const;
      const otherResult = { source: win('B'), type: 'result', op: 3, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice', ok: true } } as const;
      return history([
        { source: win('A'), type: 'call', op: 1, detail: { tool: 'logout' } },
        { source: win('A'), type: 'result', op: 1, detail: { tool: 'logout', ok: true } },
        otherLogout,
        ...(answeredFirst ? [otherResult] : []),
        { source: win('A'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'alice' } },
        ...(answeredFirst ? [] : [otherResult]),
        { source: win('A'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'alice', ok: false, error: 'login ended logged_out' } },
      ]);
    };
    expect(relogin.check(rows(false)).outcome).toBe('held');
    // B's logout had answered before A's login was called: A's login must complete.
    expect(relogin.check(rows(true))).toMatchObject({ outcome: 'violated', witness: [1, 5] });
  });

  it('is inconclusive, not violated, when no one had been logged in before: every login failed alike (a wrong client secret)', () => {
    const rows = (loggedInBefore: boolean) =>
      history([
        ...(loggedInBefore ? [{ source: win('B'), type: 'result', op: 9, user: 'bob', detail: { tool: 'login', loginAs: 'bob', ok: true } } as const] : []),
        { source: win('A'), type: 'call', op: 1, detail: { tool: 'logout' } },
        { source: win('A'), type: 'result', op: 1, detail: { tool: 'logout', ok: true } },
        { source: win('A'), type: 'call', op: 2, detail: { tool: 'login', loginAs: 'alice' } },
        { source: win('A'), type: 'result', op: 2, detail: { tool: 'login', loginAs: 'alice', ok: false, error: 'provider_error' } },
      ]);
    expect(relogin.check(rows(false))).toMatchObject({ outcome: 'inconclusive', witness: [3] });
    expect(relogin.check(rows(true))).toMatchObject({ outcome: 'violated', witness: [2, 4] });
  });
});
