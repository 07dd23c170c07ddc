import type { ServerContext } from '../server-context.js';
import { pool } from '../../support/index.js';
import type { CycleGuard, CycleResult } from './cycle-guard.js';
import type { HeartbeatStep } from './heartbeat-step.js';

export interface HeartbeatControl {
  /** Runs one cycle now (or reports it skipped) — what tests and the scenario runner call. */
  runOnce(): Promise<CycleResult>;
  /** Starts the timer (unref'd); a no-op when it already runs. */
  start(): void;
  stop(): void;
  readonly timerRunning: boolean;
}

/** Keeps every logged-in user's refresh token alive by refreshing it once per cycle. */
export function createHeartbeat(ctx: ServerContext, guard: CycleGuard, step: HeartbeatStep): HeartbeatControl {
  let cycles = 0;
  let timer: NodeJS.Timeout | undefined;

  const cycle = async (n: number): Promise<CycleResult> => {
    // Seed 001 #12: iterate a copy; logins and logouts during the cycle change the store, not this list.
    const users = (await ctx.store.listUsers()).filter((u) => u.status === 'authenticated');
    ctx.events.record({ type: 'heartbeat.started', cycle: n, users: users.length });
    // Each user is a strand of the round's own; the round waits on them (what the harness counts, ActivityMeter).
    const results = await ctx.activity.wait(
      'children',
      pool(users, ctx.config.heartbeat.concurrency, (user) =>
        ctx.activity.fork(async () => {
          await ctx.pauses.pass('heartbeat.user', { userId: user.userId, cycle: n });
          return step.run(user);
        }),
      ),
    );
    const count = (r: string) => results.filter((x) => x === r).length;
    const summary = { refreshed: count('refreshed'), failed: count('failed'), notRefreshed: count('not-refreshed') };
    ctx.events.record({ type: 'heartbeat.finished', cycle: n, refreshed: summary.refreshed, failed: summary.failed, skipped: summary.notRefreshed });
    return { cycle: n, skipped: false, users: users.length, ...summary };
  };

  const runOnce = () => {
    const n = ++cycles;
    return ctx.activity.run({ via: 'heartbeat' }, () => guard.run(n, () => cycle(n)));
  };

  return {
    runOnce,
    start() {
      if (timer || ctx.closing.aborted) return;
      const tick = () => runOnce().catch((err: Error) => ctx.events.record({ type: 'server.error', where: 'heartbeat', message: err.message }));
      timer = setInterval(() => void ctx.tasks.track(tick()), ctx.config.heartbeat.intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    get timerRunning() {
      return timer !== undefined;
    },
  };
}
