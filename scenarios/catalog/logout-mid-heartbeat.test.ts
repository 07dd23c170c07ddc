import { describe, expect, it } from 'vitest';
import { createMcpSessionServer } from '../../mcp-server/index.js';
import { referenceOptions } from '../reference-options.js';
import type { HistoryEvent } from '../result-types.js';
import { runScenario } from '../run-scenario.js';
import type { ServerFactory } from '../server-handle.js';
import scenario from './logout-mid-heartbeat.js';

const PERIOD_SECONDS = 0.2;

/**
 * The reference server as a black box with a declared heartbeat, whose first round with every user in it is made to
 * begin before the scenario's gate goes up: its head (alice) is held inside the server while the rest of the round
 * refreshes, and frank's login (the last) is held until then. So the scenario's gate meets a round whose head comes
 * late and whose other users are refreshed already: logging out the user the gate did not see proves nothing.
 * From then on the server's own timer runs the rounds.
 */
function headLateServer(flaws: string[]): { factory: ServerFactory; gateUp: () => void; staged: Promise<void> } {
  let staged!: () => void;
  const done = new Promise<void>((resolve) => (staged = resolve));
  let gateUp!: () => void;
  const awaited = new Promise<void>((resolve) => (gateUp = resolve));
  const factory: ServerFactory = async (ctx) => {
    const subOf = (name: string) => ctx.sim.users.find((u) => u.username === name)!.sub;
    const s = await createMcpSessionServer(referenceOptions({ ...ctx, flaws }, { heartbeat: { intervalSeconds: PERIOD_SECONDS } }, {}, () => {}));
    const frankActivates = s.pauses.hold('activation', (info) => info.userId === subOf('frank'));
    void frankActivates.reached.then(async () => {
      const head = s.pauses.hold('heartbeat.user', (info) => info.userId === subOf('alice'));
      const others = new Set<string>();
      let roundUsers = Infinity;
      const restDone = new Promise<void>((resolve) => {
        const off = s.events.subscribe((e) => {
          const fact = e as { type: string; users?: number; userId?: string };
          if (fact.type === 'heartbeat.started') roundUsers = fact.users ?? 0;
          if (fact.type === 'refresh.succeeded' && fact.userId && fact.userId !== subOf('alice')) others.add(fact.userId);
          if (others.size >= roundUsers - 1) {
            off();
            resolve();
          }
        });
      });
      const round = s.heartbeat.runOnce();
      await head.reached;
      await restDone;
      frankActivates.release();
      await awaited;
      head.release();
      await round;
      s.heartbeat.start();
      staged();
    });
    return { url: s.url, close: () => s.close(), heartbeatPeriodMs: PERIOD_SECONDS * 1000 };
  };
  return { factory, gateUp, staged: done };
}

async function runHeadLate(flaws: string[]) {
  const { factory, gateUp, staged } = headLateServer(flaws);
  const onEvent = (e: HistoryEvent) => e.type === 'round.awaited' && gateUp();
  const result = await runScenario(scenario, { seed: 3, flaws: [], server: factory, onEvent });
  await staged;
  return result;
}

describe('logout-mid-heartbeat against a declared heartbeat (black-box)', () => {
  it('catches a server refreshing from its snapshot even when the gate met a round already running, its head late', { timeout: 120_000 }, async () => {
    const r = await runHeadLate(['heartbeat-after-logout']);
    // The gate met the staged round: only its late head was held, the rest had been refreshed before the gate.
    expect(r.history.find((e) => e.type === 'round.anchored')?.detail?.users).toEqual(['alice']);
    expect(r.status, r.reason ?? r.error?.message).toBe('failed');
    expect(r.verdicts.filter((v) => v.outcome === 'violated').map((v) => v.invariant)).toContain('logout-revokes');
  });

  it('passes the clean server in the same staging, the race formed in a round that began with the gate up', { timeout: 120_000 }, async () => {
    const r = await runHeadLate([]);
    expect(r.history.find((e) => e.type === 'round.anchored')?.detail?.users).toEqual(['alice']);
    expect(r.history.some((e) => e.type === 'round.logout' && e.detail?.formed === true)).toBe(true);
    expect(r.status, r.reason ?? r.error?.message).toBe('passed');
  });
});
