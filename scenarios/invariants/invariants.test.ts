import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../oidc-sim/index.js';
import type { HistoryEvent } from '../result-types.js';
import { bounded } from './bounded.js';
import { idempotentLogout } from './idempotent-logout.js';
import { isolation } from './isolation.js';
import { logoutRevokes } from './logout-revokes.js';
import { noPlaintext } from './no-plaintext.js';
import { noReuse } from './no-reuse.js';

/** Builds a history from terse rows; seq is the row index. */
function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;
const sim = (endpoint: string) => ({ kind: 'sim', endpoint }) as const;

describe('isolation', () => {
  it("fails with the call and result as witness when a window gets another user's data", () => {
    const h = history([
      { source: win('A'), type: 'call', op: 1, user: 'alice', detail: { tool: 'get_profile' } },
      { source: win('A'), type: 'result', op: 1, user: 'alice', detail: { tool: 'get_profile', ok: true, dataUser: 'bob' } },
    ]);
    expect(isolation.check(h)).toMatchObject({ holds: false, witness: [0, 1] });
  });

  it("holds when the call was made while the window's own login as that user was on its way, and only then", () => {
    const loginCall = { source: win('A'), type: 'call', op: 1, detail: { tool: 'login', loginAs: 'alice' } } as const;
    const loginResult = { source: win('A'), type: 'result', op: 1, user: 'alice', detail: { tool: 'login', loginAs: 'alice', ok: true } } as const;
    const call = { source: win('A'), type: 'call', op: 2, detail: { tool: 'get_profile' } } as const;
    const answer = { source: win('A'), type: 'result', op: 2, detail: { tool: 'get_profile', ok: true, dataUser: 'alice' } } as const;
    expect(isolation.check(history([loginCall, call, loginResult, answer])).outcome).toBe('held');
    // The login had answered before the call was made (and failed): the window had no user to answer as.
    const failed = { ...loginResult, user: undefined, detail: { ...loginResult.detail, ok: false } };
    expect(isolation.check(history([loginCall, failed, call, answer])).outcome).toBe('violated');
    // Another window's login in flight excuses nothing (a server with one global session).
    expect(isolation.check(history([{ ...loginCall, source: win('B') }, call, answer])).outcome).toBe('violated');
  });

  it("holds when every window gets its own user's data", () => {
    const h = history([{ source: win('A'), type: 'result', op: 1, user: 'alice', detail: { tool: 'get_profile', ok: true, dataUser: 'alice' } }]);
    expect(isolation.check(h).holds).toBe(true);
  });
});

describe('no-reuse', () => {
  it('points at the refresh that consumed the token and the reuse', () => {
    const h = history([
      { source: sim('token'), type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' },
      { source: sim('token'), type: 'token.refreshed', grantId: 'g', tokenHash: 'r1', parent: 'r0', user: 'alice' },
      { source: sim('token'), type: 'grant.revoked', grantId: 'g' },
      { source: sim('token'), type: 'reuse.detected', grantId: 'g', tokenHash: 'r0', user: 'alice' },
    ]);
    expect(noReuse.check(h)).toMatchObject({ holds: false, witness: [1, 2, 3] });
    expect(noReuse.check(h.slice(0, 2)).holds).toBe(true);
  });

  it('holds when the rotation that consumed the token never reached its caller, and not otherwise', () => {
    const h = history([
      { source: sim('token'), type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' },
      { source: sim('token'), type: 'token.refreshed', grantId: 'g', tokenHash: 'r1', parent: 'r0', user: 'alice' },
      { source: sim('token'), type: 'token.undelivered', grantId: 'g', tokenHash: 'r1', parent: 'r0', user: 'alice' },
      { source: sim('token'), type: 'reuse.detected', grantId: 'g', tokenHash: 'r0', user: 'alice' },
    ]);
    expect(noReuse.check(h).holds).toBe(true);
    // The same reuse with the answer delivered is the caller's doing.
    expect(noReuse.check(h.filter((e) => e.type !== 'token.undelivered'))).toMatchObject({ holds: false });
  });
});

describe('logout-revokes', () => {
  const base = [
    { source: sim('token'), type: 'token.issued', grantId: 'g', tokenHash: 'r0', user: 'alice' },
    { source: win('A'), type: 'call', op: 5, user: 'alice', detail: { tool: 'logout', loggedOutUser: 'alice' } },
  ] as const;
  it('fails when the provider never sees the grant revoked', () => {
    const h = history([...base, { source: win('A'), type: 'result', op: 5, detail: { tool: 'logout', ok: true, loggedOutUser: 'alice' } }]);
    expect(logoutRevokes.check(h)).toMatchObject({ holds: false, witness: [0, 1, 2] });
  });

  it('fails when a refresh with the logged-out family arrives afterwards', () => {
    const h = history([
      ...base,
      { source: sim('revocation'), type: 'token.revoked', grantId: 'g', tokenHash: 'r0' },
      { source: win('A'), type: 'result', op: 5, detail: { tool: 'logout', ok: true, loggedOutUser: 'alice' } },
      { source: sim('token'), type: 'refresh.rejected', tokenHash: 'r0' },
    ]);
    expect(logoutRevokes.check(h)).toMatchObject({ holds: false, witness: [1, 3, 4] });
    expect(logoutRevokes.check(h.slice(0, 4)).holds).toBe(true);
  });
});

describe('bounded', () => {
  it('fails when a user is refreshed twice in one heartbeat round', () => {
    const h = history([
      { source: { kind: 'runner' }, type: 'heartbeat.cycle', detail: { cycle: 1 } },
      { source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: 'r1' },
      { source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: 'r2' },
      { source: { kind: 'runner' }, type: 'heartbeat.cycle.end', detail: { cycle: 1 } },
    ]);
    expect(bounded.check(h)).toMatchObject({ holds: false, witness: [0, 1, 2] });
  });

  it("with replicas, counts the refreshes of a round started while one replica's round is held in that round, not twice in the held one", () => {
    const rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>> = [
      { source: { kind: 'server' }, type: 'heartbeat.started', detail: { cycle: 1, replica: 1 } },
      { source: { kind: 'runner' }, type: 'heartbeat.cycle', detail: { cycle: 1 } },
      { source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: 'r1' },
      { source: { kind: 'runner' }, type: 'heartbeat.cycle', detail: { cycle: 2 } },
      { source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: 'r2' },
      { source: { kind: 'runner' }, type: 'heartbeat.cycle.end', detail: { cycle: 2 } },
      { source: { kind: 'runner' }, type: 'heartbeat.cycle.end', detail: { cycle: 1 } },
    ];
    expect(bounded.check(history(rows)).holds).toBe(true);
    // The held round refreshing alice again once released, after the inner round did: twice for one demand.
    const again = [...rows.slice(0, 6), { source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: 'r3' }, rows[6]!];
    expect(bounded.check(history(again))).toMatchObject({ holds: false, witness: [1, 4, 6] });
    // One server must skip a round while one runs: there, the inner round's refresh is a second one.
    expect(bounded.check(history(rows.slice(1))).holds).toBe(false);
  });

  it("with replicas, counts each refresh in the round of the replica that made it, whether the replicas' rounds overlapped or not", () => {
    const server = (type: string, detail: Record<string, unknown>) => ({ source: { kind: 'server' }, type, detail }) as const;
    const refreshed = (at: string) => ({ source: sim('token'), type: 'token.refreshed', user: 'alice', grantId: 'g', tokenHash: at, detail: { accessTokenHash: at } }) as const;
    // One runner cycle; replica 1's round refreshes alice and ends, then replica 0's round starts and refreshes her too.
    const rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>> = [
      { source: { kind: 'runner' }, type: 'heartbeat.cycle', detail: { cycle: 1 } },
      server('heartbeat.started', { cycle: 1, replica: 1 }),
      refreshed('a1'),
      server('refresh.succeeded', { accessTokenHash: 'a1', replica: 1 }),
      server('heartbeat.finished', { cycle: 1, replica: 1 }),
      server('heartbeat.started', { cycle: 1, replica: 0 }),
      refreshed('a2'),
      server('refresh.succeeded', { accessTokenHash: 'a2', replica: 0 }),
      server('heartbeat.finished', { cycle: 1, replica: 0 }),
      { source: { kind: 'runner' }, type: 'heartbeat.cycle.end', detail: { cycle: 1 } },
    ];
    expect(bounded.check(history(rows)).holds).toBe(true);
    // Replica 0's one round refreshing alice twice is still a second refresh for one demand.
    const twice = [...rows.slice(0, 8), refreshed('a3'), server('refresh.succeeded', { accessTokenHash: 'a3', replica: 0 }), ...rows.slice(8)];
    expect(bounded.check(history(twice))).toMatchObject({ holds: false, witness: [0, 6, 8] });
  });

  it('fails when dead tokens are presented more often than the budget', () => {
    const rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>> = [
      { source: sim('token'), type: 'token.issued', user: 'alice', grantId: 'g', tokenHash: 'r0' },
      { source: sim('revocation'), type: 'grant.revoked', grantId: 'g' },
    ];
    for (let i = 0; i < 4; i++) rows.push({ source: sim('token'), type: 'refresh.rejected', tokenHash: 'r0' });
    expect(bounded.check(history(rows)).holds).toBe(false);
    expect(bounded.check(history(rows.slice(0, 5))).holds).toBe(true);
  });
});

describe('no-plaintext', () => {
  it('finds a token value whose hash the ledger knows, without the harness ever holding values', () => {
    const value = 'Zt3kvCfaI6uIabcdefghijklmnopqrstuvwxyz0123456';
    const h = history([
      { source: sim('token'), type: 'token.issued', tokenHash: tokenHash(value) },
      { source: { kind: 'server' }, type: 'log', detail: { line: `refreshing with ${value}` } },
    ]);
    expect(noPlaintext.check(h)).toMatchObject({ holds: false, witness: [0, 1] });
    expect(noPlaintext.check(h.slice(0, 1)).holds).toBe(true);
  });
});

describe('idempotent-logout', () => {
  it('fails on a logout that errors', () => {
    const h = history([{ source: win('A'), type: 'result', op: 1, detail: { tool: 'logout', ok: false, error: 'not_found' } }]);
    expect(idempotentLogout.check(h).holds).toBe(false);
  });

  it('does not hold against the server a logout whose own window hung up before the answer', () => {
    const h = history([{ source: win('A'), type: 'result', op: 1, detail: { tool: 'logout', ok: false, error: 'disconnected' } }]);
    expect(idempotentLogout.check(h).holds).toBe(true);
  });
});
