import { describe, expect, it } from 'vitest';
import { catalogue } from './catalog/index.js';
import { defineScenario } from './define-scenario.js';
import { referenceServer } from './reference-server.js';
import { runScenario } from './run-scenario.js';
import { runCatalogue } from './runner.js';
import { SimPool } from './sim-pool.js';

// Nothing here depends on how fast anything is: the simulator a world leaves behind is checked after awaiting it.
const server = referenceServer();

/** A world that ends with alice's refresh held at a gate and her data call still waiting for it. */
const leavesARefreshHeld = defineScenario({
  id: 'leaves-a-refresh-held',
  title: 'ends with a refresh held at the gate and a call waiting on it',
  seeds: [],
  tags: [],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    await a.login();
    const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
    world.sim.expire({ accessTokensOf: 'alice' });
    void a.getProfile().catch(() => undefined);
    await world.waitAtGate(gate, 1, "alice's refresh reached the provider");
  },
});

const byId = (id: string) => catalogue.find((s) => s.id === id)!;
const outcomes = (r: { status: string; verdicts: Array<{ invariant: string; holds: boolean }> }) => ({ status: r.status, verdicts: r.verdicts.map((v) => [v.invariant, v.holds]) });

describe('simulators reused across the worlds of a run', () => {
  it('lends one simulator to one world at a time, started with that world’s seed and options', async () => {
    const sims = new SimPool();
    try {
      const first = await sims.acquire(1, { users: ['alice'] });
      const meanwhile = await sims.acquire(1, { users: ['alice'] });
      expect(meanwhile.sim).not.toBe(first.sim);
      first.release();
      expect((await sims.acquire(1, { users: ['alice'] })).sim).toBe(first.sim);
      const other = await sims.acquire(1, { users: ['carol'] });
      expect(other.sim.users.map((u) => u.username)).toContain('carol');
      expect(other.sim).not.toBe(meanwhile.sim);
      expect((await sims.acquire(2, { users: ['alice'] })).sim).not.toBe(first.sim);
    } finally {
      await sims.close();
    }
  });

  it('gets a simulator back with nothing in flight and nothing recorded from a world that left a refresh held at a gate', async () => {
    const sims = new SimPool();
    try {
      const { sim } = await sims.acquire(1, {});
      await runScenario(leavesARefreshHeld, { seed: 1, flaws: [], server, reuseSim: sim });
      // The held refresh went on when the world closed; the world waited for it and cleared what it recorded.
      await sim.idle();
      expect(sim.ledger.events()).toEqual([]);
      expect(sim.faults.list()).toEqual([]);
      expect(sim.storedRecords()).toBe(0);
    } finally {
      await sims.close();
    }
  }, 120_000);

  it('judges a scenario the same whether it runs first or after others on the same simulators', async () => {
    const scenario = byId('logout-then-relogin');
    const run = (scenarios: typeof catalogue) => runCatalogue({ scenarios, seed: 3, repeat: 1, flaws: [], server, target: 'test', concurrency: 1 });
    const alone = (await run([scenario])).scenarios[0]!;
    const after = (await run([leavesARefreshHeld, byId('commit-then-fail-during-refresh'), scenario])).scenarios[2]!;
    expect(alone.status).toBe('passed');
    expect(outcomes(after)).toEqual(outcomes(alone));
    expect(after.interleaving).toBe(alone.interleaving);
    // Its history starts at the simulator's first event, as on a fresh one.
    const ledgerSeqs = (r: typeof alone) => r.history.filter((e) => e.source.kind === 'sim').map((e) => e.detail?.ledgerSeq);
    expect(ledgerSeqs(after)[0]).toBe(0);
    expect(ledgerSeqs(after)).toEqual(ledgerSeqs(alone));
  }, 300_000);
});
