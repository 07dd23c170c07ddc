import type { ServerContext } from '../server-context.js';

export type CycleResult =
  | { cycle: number; skipped: false; users: number; refreshed: number; failed: number; notRefreshed: number }
  | { cycle: number; skipped: true };

/** Decides whether a cycle may start. Composition point of the `overlapping-heartbeat` flaw. */
export interface CycleGuard {
  run(cycle: number, work: () => Promise<CycleResult>): Promise<CycleResult>;
}

/** Seed 001 #11: a cycle that finds the previous one still running is skipped, not started alongside it. */
export function createSkipWhileRunningGuard(ctx: ServerContext): CycleGuard {
  let running = false;
  return {
    async run(cycle, work) {
      if (running) {
        ctx.events.record({ type: 'heartbeat.skipped', cycle, reason: 'previous cycle still running' });
        return { cycle, skipped: true };
      }
      running = true;
      try {
        return await work();
      } finally {
        running = false;
      }
    },
  };
}
