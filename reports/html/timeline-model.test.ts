import { describe, expect, it } from 'vitest';
import type { HistoryEvent, ScenarioResult } from '../../scenarios/result-types.js';
import { failedIsolationScenario, manyWindowsScenario } from '../testing/sample-run.js';
import { buildTimeline } from './timeline-model.js';

const withHistory = (history: Omit<HistoryEvent, 'at'>[]): ScenarioResult => ({
  ...failedIsolationScenario(),
  verdicts: [],
  history: history.map((e) => ({ at: e.seq, ...e })),
});

describe('buildTimeline', () => {
  it('gives each window, the server, each simulator endpoint and the faults a lane, in request order', () => {
    const model = buildTimeline(failedIsolationScenario());
    expect(model.lanes.map((l) => `${l.group}:${l.label}`)).toEqual([
      'runner:runner', 'windows:w1', 'windows:w2', 'server:server', 'sim:token', 'sim:resource', 'faults:faults',
    ]);
  });

  it('sorts hundreds of windows by name the way people count (w-2 before w-10)', () => {
    const labels = buildTimeline(manyWindowsScenario(12)).lanes.filter((l) => l.group === 'windows').map((l) => l.label);
    expect(labels.slice(0, 3)).toEqual(['w-001', 'w-002', 'w-003']);
    expect(labels.at(-1)).toBe('w-012');
  });

  it('marks the witness events of failed invariants and the lanes that hold them', () => {
    const model = buildTimeline(failedIsolationScenario());
    expect(model.events.filter((e) => e.witnessOf.length).map((e) => e.event.seq)).toEqual([11, 12, 13, 15]);
    expect(model.lanes.filter((l) => l.witness).map((l) => l.label)).toEqual(['w2', 'server', 'resource']);
  });

  it('lets the filter find a lane by the users and sessions seen on it', () => {
    const w2 = buildTimeline(failedIsolationScenario()).lanes.find((l) => l.label === 'w2')!;
    expect(w2.search).toBe('w2 bob s2');
  });

  it("draws a request from a window's call to its result, pairing ops per window", () => {
    const model = buildTimeline(withHistory([
      { seq: 0, source: { kind: 'window', window: 'a' }, type: 'call', op: 1 },
      { seq: 1, source: { kind: 'window', window: 'b' }, type: 'call', op: 1 },
      { seq: 2, source: { kind: 'window', window: 'b' }, type: 'result', op: 1 },
      { seq: 3, source: { kind: 'window', window: 'a' }, type: 'result', op: 1 },
    ]));
    expect(model.arrows.map((a) => [a.from, a.to])).toEqual([[0, 3], [1, 2]]);
  });

  it('shades each request a gate holds, as the fault layer records it, and pairs a hang with its end', () => {
    const fault = { kind: 'fault' } as const;
    const model = buildTimeline(withHistory([
      { seq: 0, source: fault, type: 'fault.gate.held', detail: { gate: 'refresh', request: 'refresh#0' } },
      { seq: 1, source: fault, type: 'fault.gate.held', detail: { gate: 'refresh', request: 'refresh#1' } },
      { seq: 2, source: fault, type: 'fault.hang' },
      { seq: 3, source: fault, type: 'fault.gate.released', detail: { gate: 'refresh', request: 'refresh#1' } },
      { seq: 4, source: fault, type: 'fault.latency', detail: { ms: 30 } },
      { seq: 5, source: fault, type: 'fault.hang.ended', detail: { by: 'client' } },
      { seq: 6, source: fault, type: 'fault.gate.released', detail: { gate: 'refresh', request: 'refresh#0' } },
    ]));
    expect(model.spans).toEqual([
      { kind: 'gate', label: 'gate refresh refresh#0', from: 0, to: 6 },
      { kind: 'gate', label: 'gate refresh refresh#1', from: 1, to: 3 },
      { kind: 'fault', label: 'fault hang', from: 2, to: 5 },
    ]);
  });

  it('shades a gate from held to released and lets an unended fault run to the end', () => {
    const fault = { kind: 'fault' } as const;
    const model = buildTimeline(withHistory([
      { seq: 0, source: fault, type: 'gate.held', detail: { gate: 'token' } },
      { seq: 1, source: fault, type: 'latency.start', detail: { fault: 'slow' } },
      { seq: 2, source: fault, type: 'gate.released', detail: { gate: 'token' } },
      { seq: 3, source: { kind: 'runner' }, type: 'step' },
    ]));
    expect(model.spans).toEqual([
      { kind: 'gate', label: 'gate token', from: 0, to: 2 },
      { kind: 'fault', label: 'fault slow', from: 1, to: 3 },
    ]);
  });
});
