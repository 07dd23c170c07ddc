import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../result-types.js';
import { newerTokensKept } from './newer-tokens-kept.js';
import { restartSurvival } from './restart-survival.js';
import { singleFlight } from './single-flight.js';

/** Builds a history from terse rows; seq is the row index. */
function history(rows: Array<Partial<HistoryEvent> & Pick<HistoryEvent, 'type' | 'source'>>): HistoryEvent[] {
  return rows.map((r, seq) => ({ at: seq, ...r, seq }));
}
const win = (window: string) => ({ kind: 'window', window }) as const;
const sim = (endpoint: string) => ({ kind: 'sim', endpoint }) as const;
const fault = { kind: 'fault' } as const;
const runner = { kind: 'runner' } as const;
const held = (request: string) => ({ source: fault, type: 'fault.gate.held', user: 'alice', detail: { grantType: 'refresh_token', request } });
const released = (request: string) => ({ source: fault, type: 'fault.gate.released', user: 'alice', detail: { grantType: 'refresh_token', request } });

describe('single-flight', () => {
  it('fails when two refreshes of one user are held at the provider at once', () => {
    expect(singleFlight.check(history([held('g#0'), held('g#1')]))).toMatchObject({ holds: false, witness: [0, 1] });
  });

  it('holds when the second refresh arrives only after the first was let through', () => {
    expect(singleFlight.check(history([held('g#0'), released('g#0'), held('g#1')])).holds).toBe(true);
  });
});

describe('newer-tokens-kept', () => {
  const loginThenOldGrantFails = [
    { source: sim('token'), type: 'token.issued', user: 'alice', grantId: 'G2' },
    { source: win('B'), type: 'result', user: 'alice', detail: { tool: 'login', ok: true } },
    { source: sim('token'), type: 'refresh.rejected', detail: { error: 'invalid_grant' } },
  ];

  it("fails when a window is told to log in again after an older grant's refresh failed, its own grant alive", () => {
    const h = history([...loginThenOldGrantFails, { source: win('B'), type: 'result', user: 'alice', detail: { tool: 'get_profile', ok: false, error: 'needs_reauth' } }]);
    expect(newerTokensKept.check(h)).toMatchObject({ holds: false, witness: [1, 2, 3] });
  });

  it('holds when the new grant itself died at the provider', () => {
    const h = history([
      ...loginThenOldGrantFails,
      { source: sim('token'), type: 'grant.revoked', user: 'alice', grantId: 'G2' },
      { source: win('B'), type: 'result', user: 'alice', detail: { tool: 'get_profile', ok: false, error: 'needs_reauth' } },
    ]);
    expect(newerTokensKept.check(h).holds).toBe(true);
  });
});

describe('restart-survival', () => {
  const loggedIn = [{ source: win('A'), type: 'result', user: 'alice', detail: { tool: 'login', ok: true } }, { source: runner, type: 'server.restarted' }];

  it('fails when a window logged in before the restart loses its session', () => {
    const h = history([...loggedIn, { source: win('A'), type: 'result', user: 'alice', detail: { tool: 'get_profile', ok: false, error: 'transport_error' } }]);
    expect(restartSurvival.check(h)).toMatchObject({ holds: false, witness: [1, 2] });
  });

  it('fails when the first round after the restart refreshes nobody', () => {
    const h = history([...loggedIn, { source: runner, type: 'heartbeat.cycle', detail: { cycle: 1 } }, { source: runner, type: 'heartbeat.cycle.end', detail: { cycle: 1 } }]);
    expect(restartSurvival.check(h).holds).toBe(false);
  });

  it('holds when the session answers and the heartbeat refreshes the user again', () => {
    const h = history([
      ...loggedIn,
      { source: win('A'), type: 'result', user: 'alice', detail: { tool: 'get_profile', ok: true } },
      { source: runner, type: 'heartbeat.cycle', detail: { cycle: 1 } },
      { source: sim('token'), type: 'token.refreshed', user: 'alice' },
      { source: runner, type: 'heartbeat.cycle.end', detail: { cycle: 1 } },
    ]);
    expect(restartSurvival.check(h).holds).toBe(true);
  });
});
