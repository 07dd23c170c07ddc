import { describe, expect, it } from 'vitest';
import { referenceServer } from '../reference-server.js';
import type { HistoryEvent } from '../result-types.js';
import type { ExploreCase } from './explore-case.js';
import { runCase } from './explore.js';
import { workloadNamed } from './workloads.js';

const wide = workloadNamed('wide');
const server = referenceServer();
const first = (history: HistoryEvent[], match: (e: HistoryEvent) => boolean) => history.find(match)?.seq ?? -1;

describe('held steps of an explored case (in process)', () => {
  it('start the next step only once the one before waits on what is held, however long the server takes to get there', async () => {
    // The window's refresh reaches the hold (token-write: after the provider answered) only after the provider's
    // 1.5 s of latency, a lever of the simulator. Nothing new happens in the history meanwhile: a quiet period of
    // less would start the second step before the first was held, and that second call would not meet the hold.
    const c: ExploreCase = {
      steps: [
        { op: 'login', w: 0, user: 0 },
        { op: 'expire', user: 0 },
        { op: 'fault', fault: { effect: 'latency', ms: 1500 } },
        { op: 'hold', point: 'token-write', steps: [{ op: 'get_profile', w: 0 }, { op: 'get_profile', w: 0 }] },
      ],
    };
    const r = await runCase(c, { workload: wide, seed: 1, flaws: [], server });
    expect(r.status, JSON.stringify(r.verdicts)).toBe('passed');
    const h = r.history;
    const reached = first(h, (e) => e.type === 'hold.reached' && e.detail?.point === 'token-write');
    const calls = h.filter((e) => e.source.kind === 'window' && e.type === 'call' && e.detail?.tool === 'get_profile');
    const still = h.filter((e) => e.type === 'explore.still');
    expect(reached).toBeGreaterThan(calls[0]!.seq);
    // The first step was found waiting on the hold (the server said so), and only then did the second begin.
    expect(still[0]!.detail?.waiting).toContain('hold');
    expect(still[0]!.seq).toBeGreaterThan(reached);
    expect(calls[1]!.seq).toBeGreaterThan(still[0]!.seq);
    // The second call met the held refresh: it joined it (or queued behind it), and it too finished after the release.
    expect(still[1]!.detail?.waiting).toEqual(expect.arrayContaining(['hold']));
    expect(first(h, (e) => e.source.kind === 'server' && e.type === 'refresh.joined')).toBeGreaterThan(calls[1]!.seq);
    const released = first(h, (e) => e.type === 'hold.released');
    const results = h.filter((e) => e.source.kind === 'window' && e.type === 'result' && e.detail?.tool === 'get_profile');
    expect(results.map((e) => e.seq > released)).toEqual([true, true]);
  }, 300_000);

  it('release a gated race only once every call waits at the gate, each user picked in the order the case names', async () => {
    const c: ExploreCase = {
      steps: [
        { op: 'login', w: 0, user: 0 },
        { op: 'login', w: 1, user: 1 },
        { op: 'race', calls: [{ w: 0, tool: 'get_profile' }, { w: 1, tool: 'get_profile' }], gated: true, order: [1, 0], heartbeat: false },
      ],
    };
    const r = await runCase(c, { workload: wide, seed: 1, flaws: [], server });
    expect(r.status, JSON.stringify(r.verdicts)).toBe('passed');
    const order = r.history.find((e) => e.type === 'gate.release-order');
    // Both refreshes were held when the first went, so both went through the gate one at a time.
    expect(order?.detail?.order).toHaveLength(2);
    // Picked by user, not by which reached the gate first: entry 1 of [alice's, bob's] goes first.
    const held = r.history.filter((e) => e.type === 'fault.gate.held');
    const users = (order!.detail!.order as number[]).map((i) => held.find((e) => e.detail?.index === i)?.user);
    const names = [...new Set(held.map((e) => e.user))].sort();
    expect(users).toEqual([names[1], names[0]]);
  }, 300_000);
});
