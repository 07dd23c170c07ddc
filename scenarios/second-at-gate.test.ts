import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOidcSim, type Gate, type OidcSim } from '../oidc-sim/index.js';
import { harnessDefaults } from './defaults.js';
import type { HistoryEvent } from './result-types.js';
import type { ServerHandle } from './server-handle.js';
import { World } from './world.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'] });
});
afterAll(() => sim.close());

/** A world fed by hand: the gate's arrivals and the simulator's refusals are history events the test adds. */
function fed() {
  const world = World.attach({ sim, server: { url: 'http://127.0.0.1:9/mcp', close: async () => {} } as unknown as ServerHandle, seed: 1 });
  const gate = { id: 'g1' } as Gate;
  const armed = world.mark('access.ended');
  const held = () => world.history.add({ source: { kind: 'fault' }, type: 'fault.gate.held', detail: { gate: 'g1' } });
  const refused = () => world.history.add({ source: { kind: 'sim', endpoint: 'resource' }, type: 'expired.use', user: 'alice' });
  const wait = world.secondAtGate(gate, { after: armed.seq, contenders: 2, refused: (e: HistoryEvent) => e.type === 'expired.use' });
  let how: string | undefined;
  void wait.then((h) => (how = h));
  return { world, held, refused, state: () => how };
}

describe('waiting for a second request at a gate', () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterAll(() => void vi.useRealTimers());

  it('gives a slow second contender its bound from its own refusal, not from the first request', async () => {
    const { held, refused, state } = fed();
    held();
    refused();
    // Far past the bound counted from the first request: the second contender has not even been refused yet.
    await vi.advanceTimersByTimeAsync(harnessDefaults.secondRequestWaitMs * 2);
    expect(state()).toBeUndefined();
    refused();
    await vi.advanceTimersByTimeAsync(harnessDefaults.secondRequestWaitMs - 1);
    expect(state()).toBeUndefined();
    held();
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('second');
  });

  it('ends at the bound once both contenders were refused and no second request came', async () => {
    const { held, refused, state } = fed();
    held();
    refused();
    refused();
    await vi.advanceTimersByTimeAsync(harnessDefaults.secondRequestWaitMs);
    expect(state()).toBe('bound');
  });

  it('ends at the outer bound when the contenders never show they found their token dead', async () => {
    const { held, state } = fed();
    held();
    await vi.advanceTimersByTimeAsync(harnessDefaults.raceFormWaitMs - 1);
    expect(state()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toBe('bound');
  });
});
