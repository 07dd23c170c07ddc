import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { recovery } from './recovery.js';

function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;

// Window A logs in (or fails to), the outage ends expecting recovery, then A asks for its profile and is refused.
const outage = (login: { ok: boolean; user?: string }) =>
  history([
    { source: win('A'), type: 'result', op: 1, user: login.user, detail: { tool: 'login', loginAs: 'alice', ok: login.ok, ...(login.ok ? {} : { error: 'provider_error' }) } },
    { source: { kind: 'runner' }, type: 'outage.end', detail: { expect: 'recover' } },
    { source: win('A'), type: 'result', op: 2, user: login.user, detail: { tool: 'get_profile', ok: false, error: 'not_authenticated' } },
  ]);

describe('recovery', () => {
  it('fails when a window that worked before the outage does not work after it', () => {
    expect(recovery.check(outage({ ok: true, user: 'alice' }))).toMatchObject({ outcome: 'violated', witness: [1, 2] });
  });

  it('is inconclusive when the window never worked before the outage (its login failed): it had nothing to recover', () => {
    expect(recovery.check(outage({ ok: false }))).toMatchObject({ outcome: 'inconclusive', witness: [2] });
  });

  it('holds when the window works again after the outage', () => {
    const h = outage({ ok: true, user: 'alice' });
    h[2]!.detail = { tool: 'get_profile', ok: true };
    expect(recovery.check(h).outcome).toBe('held');
  });
});
