import { availableParallelism } from 'node:os';

/**
 * Every default of the runner and the CLI's run, start and matrix commands, and why. The one place they live; the
 * commands' help texts and the CLI defaults test read them from here. The simulator's and the reference server's
 * own defaults live in oidc-sim/defaults.ts and mcp-server/defaults.ts.
 */
export const harnessDefaults = {
  /** Base seed of a run; repetition k uses a seed derived from it. Example: 7. */
  seed: 1,
  /** Runs of each scenario, each in a fresh world. Example: 100 to measure a failure rate. */
  repeat: 1,
  /**
   * Resource-server mode: the validation-cache lifetime the in-process reference resource server runs with and
   * declares (`--target-revocation-cache`), so a revocation must be honoured within it. Short, so a scenario waits
   * one second for the bound instead of the server's own default (mcp-server/defaults.ts). Example: 2.
   */
  referenceRevocationCacheSeconds: 1,
  /** Worlds running at once: the machine's cores, at most 4. Verdicts never depend on it. Example: 1. */
  concurrency: () => Math.max(1, Math.min(4, availableParallelism())),
  /**
   * Child processes the worlds running at once are spread over (`run`, `start` and `explore` from the CLI; `--processes
   * N`): one Node process runs its JavaScript on one core. 1 runs every world in the command's own process. Default 1:
   * on the project's shared 2-core machine, 100 explored cases over 2 processes took about 50% more CPU (each child
   * loads and warms up its own simulator, server and JIT) and more wall time than in one; a machine with idle cores
   * may gain. Each child resolves the same target from the same options, so verdicts, seeds, replay lines and
   * reports never depend on it. Example: 4.
   */
  processes: () => 1,
  /**
   * A scenario that records nothing for this long is stuck: a harness error, never a hang. Measured as silence,
   * not as total duration, so a slow but progressing run on a busy machine is never cut short.
   */
  scenarioStallMs: 180_000,
  /**
   * How long a window waits for the answer to one MCP request (the SDK's own default is 60 s). A server that takes
   * longer is failing; a busy CI machine running hundreds of windows in one process must not look like one.
   */
  windowRequestTimeoutMs: 120_000,
  /**
   * How long the in-process reference server waits for one answer from the world's simulator (its own default is
   * 10 s). The simulator runs in the same process, so a slow answer means a busy machine; a timed-out refresh that
   * the provider did commit would make the server present a rotated token again, a false alarm. A scenario that
   * wants a provider to time out says so with the fault layer.
   */
  providerRequestTimeoutSeconds: 120,
  /**
   * How long a window's HTTP client reuses an idle socket, whatever the server announces. Node's http servers
   * drop idle sockets after 5 s and undici reuses them up to the server's hint minus 1 s on timers that slip on a
   * busy machine: a request sent just as the server times its socket out dies with ECONNRESET (issue 12). 1 s
   * stays clear of any server that keeps sockets for Node's default or longer.
   */
  windowIdleMs: 1_000,
  /**
   * How long a scenario waits for a request that a correct server never sends (a second refresh while one is held
   * at the gate). Proving an absence black-box needs a bound; in process the reference server's own word ends the
   * wait at once. On a busy 2-core machine a flawed server's second refresh was seen to take over 1 s to arrive, so
   * a short bound let the flaw pass unseen.
   */
  secondRequestWaitMs: 5_000,
  /**
   * The outer bound on that wait when the contenders never show they found their token dead (a server that checks
   * for a refresh in flight before it calls anything): `secondRequestWaitMs` counts from the last contender's refusal
   * at the simulator, since on a busy machine a flawed server's second call was seen to take over 5 s just to reach
   * it (the tiny fixture's `no-refresh-lock`, under `npm test` with two CPU burners).
   */
  raceFormWaitMs: 20_000,
  /**
   * How long a target started by command (`--server-cmd`) may take to print its endpoint. Not a guess at how fast a
   * server starts: an embedded database compiled on a busy 2-core machine was seen to take over 30 s.
   */
  targetStartTimeoutMs: 120_000,
  /** explore: schedules drawn per exploration (each a fresh case in a fresh world). Example: 1000. */
  exploreRuns: 100,
  /** explore: the workload cases are drawn from (scenarios/explore/workloads.ts). Example: one-user. */
  exploreWorkload: 'two-windows',
  /**
   * explore: how many shrink attempts a violation gets before the smallest failing case found so far is reported.
   * Each attempt runs a world, so this bounds the time a flaky or large failure can take to shrink.
   */
  exploreShrinkBudget: 150,
  /**
   * explore, black-box targets only: in a gated race, how long no new refresh request has arrived before the next
   * held one is let through. In process the server reports what it waits on, and a held request goes only once every
   * call of the race has finished or waits on the gate (scenarios/server-still.ts). Only which interleaving is
   * explored depends on it, never how the history it produced is judged.
   */
  exploreQuietMs: 60,
  /**
   * explore, in process: how long a held step or a gated race may go with its calls neither finished nor all waiting
   * on what is held (the server reports both). Only a server waiting on something it does not report gets there:
   * the case is then inconclusive, never judged on what the bound let happen.
   */
  exploreStillBoundMs: 120_000,
};
