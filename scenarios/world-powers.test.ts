import { describe, expect, it } from 'vitest';
import { defineScenario } from './define-scenario.js';
import { catalogue } from './catalog/index.js';

describe('typed capabilities', () => {
  it('give a scenario only the white-box powers its needs name (the compiler holds the rest)', () => {
    const blackBox = defineScenario({
      id: 'black-box-only',
      title: 't',
      seeds: [],
      tags: [],
      async run(world) {
        // @ts-expect-error hold points are not part of the black-box core
        world.hold('activation');
        // @ts-expect-error neither is a restart
        await world.restartServer();
        world.refine('holds')?.hold('activation');
      },
    });
    const withHolds = defineScenario({
      id: 'with-holds',
      title: 't',
      seeds: [],
      tags: [],
      needs: ['holds'],
      async run(world) {
        world.hold('activation');
        // @ts-expect-error holds do not bring restarts
        await world.restartServer();
      },
    });
    expect([blackBox.needs, withHolds.needs]).toEqual([undefined, ['holds']]);
  });

  it('leave at most the heartbeat-on-demand, restart and replica scenarios needing white-box powers', () => {
    const needing = catalogue.filter((s) => (s.needs ?? []).length > 0).map((s) => s.id);
    expect(needing.sort()).toEqual(['overlapping-heartbeat-rounds', 'replica-failed-refresher', 'replicas-aligned-refresh', 'server-restart-mid-session']);
  });
});
