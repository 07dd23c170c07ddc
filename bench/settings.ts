/**
 * How long and how often benchmarks measure. Every figure is a median over `rounds`; each round is bounded both
 * in operations and in time, so a slow machine shortens a round instead of stretching the run.
 */
export interface BenchSettings {
  /** Rounds per figure; the project and its baseline alternate within each round. Full: 5, quick: 3. */
  rounds: number;
  /** Wall time each side gets in one round, in ms. Full: 2 000, quick: 800. */
  roundMs: number;
  /** A round alternates the two sides in slices this long, so load from elsewhere hits both alike. Full: 250, quick: 200. */
  sliceMs: number;
  /** Upper bound on one slice's operations. Full: 10 000, quick: 5 000. */
  sliceOps: number;
  /** Untimed load before the first round, so JIT warm-up is not measured. Full: 1 000 ms, quick: 400 ms. */
  warmupMs: number;
  /** Clients refreshing at once in the concurrent figures; issue 8 asks for 16. */
  concurrency: number;
  /** Length of the refresh storm in the RSS benchmark, in ms. Full: 60 s (issue 8), quick: 10 s. */
  stormMs: number;
  /** Storms in the RSS benchmark, each against a simulator in a fresh process; figures are their medians. Full: 3, quick: 1. */
  stormRounds: number;
  /** How often the storm samples RSS and stored records, in ms. Full: 5 s, quick: 1 s. */
  sampleEveryMs: number;
  /** Idle authenticated MCP sessions opened to measure memory per session. Full: 1 000 (issue 8), quick: 100. */
  idleSessions: number;
  /** MCP sessions the scale benchmark holds. Full: 10 000 (issue 8), quick: 1 000. */
  scaleSessions: number;
  /** Users those sessions belong to: each logs in once (device flow), the other sessions attach with `resume`. Full: 500, quick: 100. */
  scaleUsers: number;
  /**
   * timeScale of the scale benchmark's simulator and server. Full: 1 (the server's defaults: heartbeat every 20 s
   * against 30 s refresh tokens); quick: 0.25 (every 5 s against 7.5 s), so a short hold still sees several cycles.
   */
  scaleTimeScale: number;
  /** How long the scale benchmark holds its sessions with heartbeats running, in ms. Full: 60 s, quick: 15 s. */
  scaleHoldMs: number;
  /** Upper bound on the time spent opening the scale benchmark's sessions, in ms. Full: 300 s, quick: 90 s. */
  scaleOpenMs: number;
  /** Rounds of the harness-speed figures (each a fresh process). Full: 3, quick: 1. */
  harnessRounds: number;
  /** Runs per flaw (and of the clean catalogue) in the detection-rate benchmark. Full: 100, quick: 10. */
  detectionRuns: number;
  /** Upper bound on the detection-rate benchmark's wall time, in ms; fewer runs are reported if it is reached. Full: 30 min, quick: 3 min. */
  detectionMaxMs: number;
  /** Clean catalogue runs under 2x CPU oversubscription (under-load). Full: 50 (issue 12), quick: 2. */
  underLoadRuns: number;
  /** Upper bound on the under-load benchmark's wall time, in ms; fewer runs are reported if it is reached. Full: 60 min, quick: 10 min. */
  underLoadMaxMs: number;
  quick: boolean;
}

export function benchSettings(quick: boolean): BenchSettings {
  return quick
    ? { rounds: 3, roundMs: 800, sliceMs: 200, sliceOps: 5_000, warmupMs: 400, concurrency: 16, stormMs: 10_000, stormRounds: 1, sampleEveryMs: 1_000, idleSessions: 100, scaleSessions: 1_000, scaleUsers: 100, scaleTimeScale: 0.25, scaleHoldMs: 15_000, scaleOpenMs: 90_000, harnessRounds: 1, detectionRuns: 10, detectionMaxMs: 180_000, underLoadRuns: 2, underLoadMaxMs: 600_000, quick }
    : { rounds: 5, roundMs: 2_000, sliceMs: 250, sliceOps: 10_000, warmupMs: 1_000, concurrency: 16, stormMs: 60_000, stormRounds: 3, sampleEveryMs: 5_000, idleSessions: 1_000, scaleSessions: 10_000, scaleUsers: 500, scaleTimeScale: 1, scaleHoldMs: 60_000, scaleOpenMs: 300_000, harnessRounds: 3, detectionRuns: 100, detectionMaxMs: 1_800_000, underLoadRuns: 50, underLoadMaxMs: 3_600_000, quick };
}
