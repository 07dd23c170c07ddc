import { describe, expect, it } from 'vitest';
import { defineScenario } from './define-scenario.js';
import type { ExploreCase } from './explore/explore-case.js';
import { runCase } from './explore/explore.js';
import { workloadNamed } from './explore/workloads.js';
import { referenceServer } from './reference-server.js';
import type { HistoryEvent } from './result-types.js';
import { runScenario } from './run-scenario.js';
import type { ServerFactory } from './server-handle.js';
import { ServerPool } from './server-pool.js';
import { SimPool } from './sim-pool.js';
import type { ToolOutcome } from './tool-result.js';

// Nothing here depends on how fast anything is: each world's outcomes are awaited, then compared.

/** A reference-server factory that counts the servers it started: reuse must show as one start for many worlds. */
function counted(): { factory: ServerFactory; started: () => number } {
  const inner = referenceServer();
  let n = 0;
  return {
    factory: (ctx) => {
      n++;
      return inner(ctx);
    },
    started: () => n,
  };
}

describe('servers reused across the worlds of a run', () => {
  it('lends the next world the same server reset as new: a session id, a login and a resume credential of the world before are unknown to it', async () => {
    const sims = new SimPool();
    const servers = new ServerPool();
    const { factory, started } = counted();
    const pooled = servers.reusing(factory);
    const lent: string[] = [];
    const server: ServerFactory = async (ctx) => {
      const handle = await pooled(ctx);
      lent.push(handle.url);
      return handle;
    };
    const before: { sessionId?: string; credential?: string; data?: ToolOutcome } = {};
    const after: { borrowed?: ToolOutcome; resumed?: ToolOutcome; whoami?: ToolOutcome } = {};
    const first = defineScenario({
      id: 'logs-alice-in',
      title: 'alice logs in and leaves her session open',
      seeds: [],
      tags: [],
      async run(world) {
        const a = world.window('A', { user: 'alice' });
        await a.login();
        before.data = await a.whoami();
        Object.assign(before, { sessionId: a.sessionId, credential: a.resumeCredential });
      },
    });
    const second = defineScenario({
      id: 'meets-what-was-left',
      title: "presents the last world's session id and resume credential",
      seeds: [],
      tags: [],
      async run(world) {
        after.borrowed = await world.window('H', { user: 'alice', sessionId: before.sessionId! }).whoami();
        const b = world.window('B', { user: 'alice' });
        after.resumed = await b.call('resume', { resume_token: before.credential! });
        after.whoami = await b.whoami();
        await world.snapshotStore();
      },
    });
    let snapshot: Record<string, unknown> | undefined;
    try {
      const { sim } = await sims.acquire(1, {});
      await runScenario(first, { seed: 1, flaws: [], server, reuseSim: sim });
      const result = await runScenario(second, { seed: 1, flaws: [], server, reuseSim: sim });
      snapshot = result.history.find((e) => e.type === 'store.snapshot')?.detail;
    } finally {
      await servers.close();
      await sims.close();
    }
    // The first world really had a login to leave behind, and the second world met the very same server.
    expect(before.data).toMatchObject({ ok: true, dataUser: 'alice' });
    expect(before.sessionId).toBeDefined();
    expect(before.credential).toBeDefined();
    expect(started()).toBe(1);
    expect(lent).toHaveLength(2);
    expect(lent[1]).toBe(lent[0]);
    // Nothing of it is left: the old session id is unknown, the old credential attaches nobody, no user has tokens.
    expect(after.borrowed?.ok).toBe(false);
    expect(after.resumed?.ok).toBe(false);
    expect(after.whoami).toMatchObject({ ok: false, error: 'not_authenticated' });
    expect(snapshot).toMatchObject({ usersWithTokens: [] });
  }, 120_000);

  it('judges an explored case on a reused server as on a fresh one: same verdicts, interleaving and server events', async () => {
    const workload = workloadNamed('two-windows');
    const c: ExploreCase = {
      steps: [
        { op: 'login', w: 0, user: 0 },
        { op: 'login', w: 1, user: 1 },
        { op: 'expire', user: 0 },
        { op: 'fault', fault: { effect: 'outage', times: 1 } },
        { op: 'get_profile', w: 0 },
        { op: 'heartbeat' },
        { op: 'whoami', w: 1 },
        { op: 'logout', w: 0 },
      ],
    };
    const sims = new SimPool();
    const servers = new ServerPool();
    const { factory, started } = counted();
    const reused = servers.reusing(factory);
    try {
      const { sim } = await sims.acquire(1, {});
      const first = await runCase(c, { workload, seed: 1, flaws: [], server: reused, reuseSim: sim });
      const second = await runCase(c, { workload, seed: 1, flaws: [], server: reused, reuseSim: sim });
      const fresh = await runCase(c, { workload, seed: 1, flaws: [], server: referenceServer() });
      expect(started()).toBe(1);
      for (const r of [first, second, fresh]) expect(r.status, JSON.stringify(r.verdicts)).toBe('passed');
      const outcomes = (r: typeof first) => r.verdicts.map((v) => [v.invariant, v.outcome]);
      expect(outcomes(second)).toEqual(outcomes(fresh));
      expect(second.interleaving).toBe(fresh.interleaving);
      // The server's own events start from its first, numbered as on a fresh server.
      const serverEvents = (r: typeof first) => r.history.filter((e: HistoryEvent) => e.source.kind === 'server').map((e) => [e.type, e.detail?.seq]);
      expect(serverEvents(second)[0]).toEqual(serverEvents(fresh)[0]);
      expect(serverEvents(second).map(([, seq]) => seq)).toEqual(serverEvents(fresh).map(([, seq]) => seq));
      const sessions = (r: typeof first) => new Set(r.history.map((e) => e.sessionId).filter(Boolean));
      expect([...sessions(second)].filter((s) => sessions(first).has(s))).toEqual([]);
    } finally {
      await servers.close();
      await sims.close();
    }
  }, 300_000);

  it('starts and closes a server per world when it cannot be reset', async () => {
    const servers = new ServerPool();
    let closed = 0;
    const plain: ServerFactory = async () => ({ url: 'http://127.0.0.1:1/mcp', close: async () => void closed++ });
    const reusing = servers.reusing(plain);
    const sims = new SimPool();
    try {
      const { sim } = await sims.acquire(1, {});
      const ctx = { sim, flaws: [], seed: 1, options: {} };
      const a = await reusing(ctx);
      await a.close();
      const b = await reusing(ctx);
      await b.close();
      expect(closed).toBe(2);
    } finally {
      await servers.close();
      await sims.close();
    }
  });
});
