import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../result-types.js';
import { audience } from './audience.js';
import { noPassthrough } from './no-passthrough.js';
import { revocationHonoured } from './revocation-honoured.js';
import { sessionBinding } from './session-binding.js';

type Partial_ = Omit<HistoryEvent, 'seq' | 'at'>;
const history = (...events: Partial_[]): HistoryEvent[] => events.map((e, seq) => ({ ...e, seq, at: seq }));
const win = (window: string, type: string, user: string, detail: Record<string, unknown>, op?: number): Partial_ => ({ source: { kind: 'window', window }, type, user, detail, ...(op ? { op } : {}) });

describe('session-binding', () => {
  const probe = (detail: Record<string, unknown>) => history(win('B', 'probe', 'bob', { hostile: 'foreign-session', sessionOwner: 'alice' }, 1), win('B', 'probe.result', 'bob', { hostile: 'foreign-session', sessionOwner: 'alice', ...detail }, 1));
  it('holds when a request with another user\'s token is refused', () => {
    expect(sessionBinding.check(probe({ ok: false, httpStatus: 403 })).outcome).toBe('held');
  });
  it("is violated when it is served, naming whose data came back", () => {
    const v = sessionBinding.check(probe({ ok: true, dataUser: 'alice' }));
    expect(v.outcome).toBe('violated');
    expect(v.message).toContain("answered alice's data");
    expect(v.witness).toEqual([0, 1]);
  });
  it('is inconclusive when the only probe was neither served nor refused', () => {
    expect(sessionBinding.check(probe({ ok: false, error: 'transport_error' })).outcome).toBe('inconclusive');
  });
});

describe('audience', () => {
  const token: Partial_ = { source: { kind: 'window', window: 'M' }, type: 'client.token', user: 'bob', tokenHash: 'h1', detail: { aud: 'http://127.0.0.1:1/api/profile', foreignAudience: true } };
  const result = (detail: Record<string, unknown>) => win('M', 'result', 'bob', { tool: 'login', foreignAudience: 'http://127.0.0.1:1/api/profile', ...detail });
  it('holds when the foreign token is refused with 401', () => {
    expect(audience.check(history(token, result({ ok: false, error: 'http_401' }))).outcome).toBe('held');
  });
  it('is violated when the server accepts it', () => {
    expect(audience.check(history(token, result({ ok: true }))).outcome).toBe('violated');
  });
  it('is inconclusive when the authorization server never issued the foreign token', () => {
    expect(audience.check(history(result({ ok: false, error: 'transport_error' }))).outcome).toBe('inconclusive');
  });
});

describe('no-passthrough', () => {
  const held_: Partial_ = { source: { kind: 'window', window: "alice's token store" }, type: 'client.token', user: 'alice', tokenHash: 'client1', detail: { refreshHash: 'refresh1', aud: 'http://127.0.0.1:2/mcp' } };
  const upstream = (tokenHash: string): Partial_ => ({ source: { kind: 'sim', endpoint: 'resource' }, type: 'resource.call', user: 'alice', tokenHash, detail: { status: 200 } });
  const served = win('A', 'result', 'alice', { tool: 'get_profile', ok: true, dataUser: 'alice' });
  it("holds when the upstream API sees only the server's own token", () => {
    expect(noPassthrough.check(history(held_, upstream('service1'), served)).outcome).toBe('held');
  });
  it("is violated when it sees a client's token", () => {
    expect(noPassthrough.check(history(held_, upstream('client1'), served)).witness).toEqual([0, 1]);
  });
  it('is inconclusive when data came back but the upstream API saw nothing', () => {
    expect(noPassthrough.check(history(held_, served)).outcome).toBe('inconclusive');
  });
});

describe('revocation-honoured', () => {
  const stale = (detail: Record<string, unknown>) => history(win('A', 'probe', 'alice', { stale: true, exp: 5 }, 1), win('A', 'probe.result', 'alice', { tool: 'get_profile', stale: true, exp: 5, ...detail }, 1));
  it('holds when an expired token is refused', () => {
    expect(revocationHonoured.check(stale({ ok: false, httpStatus: 401 })).outcome).toBe('held');
  });
  it('is violated when an expired token is served', () => {
    expect(revocationHonoured.check(stale({ ok: true, dataUser: 'alice' })).outcome).toBe('violated');
  });
});

describe('revocation-honoured after a revocation, against the declared cache lifetime', () => {
  // On the history's clock: the revocation at 1000 ms, a declared lifetime of 1 s, the probe sent at `sentAt`.
  const revokedHistory = (sentAt: number, detail: Record<string, unknown>, declare = true): HistoryEvent[] => {
    const events: HistoryEvent[] = [];
    const add = (at: number, e: Partial_) => events.push({ ...e, seq: events.length, at });
    if (declare) add(0, { source: { kind: 'runner' }, type: 'target.declared', detail: { revocationCacheSeconds: 1 } });
    add(1000, { source: { kind: 'sim', endpoint: 'revocation' }, type: 'token.revoked', user: 'alice', detail: {} });
    add(sentAt, win('A', 'probe', 'alice', { revoked: true }, 1));
    add(sentAt + 10, win('A', 'probe.result', 'alice', { tool: 'get_profile', revoked: true, ...detail }, 1));
    return events;
  };
  it('holds when the revoked token is refused after the lifetime has passed', () => {
    expect(revocationHonoured.check(revokedHistory(2100, { ok: false, httpStatus: 401 })).outcome).toBe('held');
  });
  it('is violated when it is served later than the lifetime after the revocation, naming the revocation', () => {
    const v = revocationHonoured.check(revokedHistory(2100, { ok: true, dataUser: 'alice' }));
    expect(v.outcome).toBe('violated');
    expect(v.message).toContain('1100 ms after its token.revoked (declared validation-cache lifetime 1 s)');
    expect(v.witness).toEqual([1, 2, 3]);
  });
  it('does not judge an answer within the lifetime: served from the cache is allowed there, so nothing was judged', () => {
    const v = revocationHonoured.check(revokedHistory(1900, { ok: true, dataUser: 'alice' }));
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toContain('within the declared validation-cache lifetime');
  });
  it('judges nothing by a revocation when the target declared no lifetime', () => {
    expect(revocationHonoured.check(revokedHistory(9000, { ok: true, dataUser: 'alice' }, false)).outcome).toBe('held');
  });
});
