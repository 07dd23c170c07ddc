import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { logoutScope } from './logout-scope.js';

function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;

// bob logs out in A; later alice's window B loses a call. Found by explore: B's call raced B's own logout.
const bobLogsOutThenAliceLoses = (ownLogout: boolean) =>
  history([
    { source: win('A'), type: 'call', op: 1, user: 'bob', detail: { tool: 'logout', loggedOutUser: 'bob' } },
    { source: win('A'), type: 'result', op: 1, user: 'bob', detail: { tool: 'logout', loggedOutUser: 'bob', ok: true } },
    { source: win('B'), type: 'call', op: 2, user: 'alice', detail: { tool: 'login', loginAs: 'alice' } },
    { source: win('B'), type: 'result', op: 2, user: 'alice', detail: { tool: 'login', loginAs: 'alice', ok: true } },
    { source: win('B'), type: 'call', op: 3, user: 'alice', detail: { tool: 'get_profile' } },
    ...(ownLogout ? [{ source: win('B'), type: 'call', op: 4, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice' } }] : []),
    { source: win('B'), type: 'result', op: 3, user: 'alice', detail: { tool: 'get_profile', ok: false, error: 'not_authenticated' } },
  ]);

describe('logout-scope', () => {
  it("fails when another user's window loses its session after a logout", () => {
    expect(logoutScope.check(bobLogsOutThenAliceLoses(false))).toMatchObject({ outcome: 'violated', witness: [1, 5] });
  });

  it('holds when the window that lost had called logout itself, its call racing its own logout', () => {
    expect(logoutScope.check(bobLogsOutThenAliceLoses(true)).outcome).toBe('held');
  });

  it("holds when the provider itself ended every token of the window's user (expire-now) after its login", () => {
    const rows = bobLogsOutThenAliceLoses(false);
    const ended = { source: { kind: 'sim', endpoint: 'control' }, type: 'token.expired', user: 'alice', detail: { target: 'user' } } as const;
    const withEnd = history([...rows.slice(0, 4), ended, ...rows.slice(4)]);
    expect(logoutScope.check(withEnd).outcome).toBe('held');
    // Only access tokens ended: that forces a refresh, it ends nothing.
    const accessOnly = history([...rows.slice(0, 4), { ...ended, detail: { target: 'access' } }, ...rows.slice(4)]);
    expect(logoutScope.check(accessOnly).outcome).toBe('violated');
  });

  it("holds when the provider ended every token of the window's user before the window resumed, until that user logs in again", () => {
    const rows = bobLogsOutThenAliceLoses(false);
    const ended = { source: { kind: 'sim', endpoint: 'control' }, type: 'token.expired', user: 'alice', detail: { target: 'user' } } as const;
    const resumed = { source: win('B'), type: 'result', op: 9, user: 'alice', detail: { tool: 'resume', ok: true } } as const;
    expect(logoutScope.check(history([...rows.slice(0, 4), ended, resumed, ...rows.slice(4)])).outcome).toBe('held');
    // alice logged in again (in another window) after the end: her tokens are new, and losing them is the logout's doing.
    const again = { source: win('C'), type: 'result', op: 8, user: 'alice', detail: { tool: 'login', loginAs: 'alice', ok: true } } as const;
    expect(logoutScope.check(history([...rows.slice(0, 4), ended, again, resumed, ...rows.slice(4)])).outcome).toBe('violated');
  });

  it.each([
    ['a reused refresh token', (user: string): HistoryEvent => ({ source: { kind: 'sim', endpoint: 'token' }, type: 'reuse.detected', user, seq: 0, at: 0 })],
    ['an outage of its refreshes', (user: string): HistoryEvent => ({ source: { kind: 'fault' }, type: 'fault.outage', user, seq: 0, at: 0 })],
  ])("holds when the provider ended the window's user's grant (%s) after its login, and not for another user's", (_what, ended) => {
    const withReuse = (user: string) => {
      const h = bobLogsOutThenAliceLoses(false);
      const reuse = ended(user);
      return history([...h.slice(0, 5), reuse, h[5]!].map(({ seq: _s, at: _a, ...e }) => e));
    };
    expect(logoutScope.check(withReuse('alice')).outcome).toBe('held');
    expect(logoutScope.check(withReuse('carol')).outcome).toBe('violated');
  });

  it("holds when the window's own user was logged out in another window since its login, before the other user's logout", () => {
    const rows = (firstLogoutOf: string) =>
      history([
        { source: win('B'), type: 'result', op: 1, user: 'alice', detail: { tool: 'login', loginAs: 'alice', ok: true } },
        { source: win('A'), type: 'call', op: 2, user: firstLogoutOf, detail: { tool: 'logout', loggedOutUser: firstLogoutOf } },
        { source: win('A'), type: 'result', op: 2, user: firstLogoutOf, detail: { tool: 'logout', loggedOutUser: firstLogoutOf, ok: true } },
        { source: win('A'), type: 'call', op: 3, user: 'bob', detail: { tool: 'logout', loggedOutUser: 'bob' } },
        { source: win('A'), type: 'result', op: 3, user: 'bob', detail: { tool: 'logout', loggedOutUser: 'bob', ok: true } },
        { source: win('B'), type: 'call', op: 4, user: 'alice', detail: { tool: 'get_profile' } },
        { source: win('B'), type: 'result', op: 4, user: 'alice', detail: { tool: 'get_profile', ok: false, error: 'not_authenticated' } },
      ]);
    expect(logoutScope.check(rows('alice')).outcome).toBe('held');
    expect(logoutScope.check(rows('carol')).outcome).toBe('violated');
  });
});
