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
