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
  /** How often the storm samples RSS and stored records, in ms. Full: 5 s, quick: 1 s. */
  sampleEveryMs: number;
  /** Idle authenticated MCP sessions opened to measure memory per session. Full: 1 000 (issue 8), quick: 100. */
  idleSessions: number;
  quick: boolean;
}

export function benchSettings(quick: boolean): BenchSettings {
  return quick
    ? { rounds: 3, roundMs: 800, sliceMs: 200, sliceOps: 5_000, warmupMs: 400, concurrency: 16, stormMs: 10_000, sampleEveryMs: 1_000, idleSessions: 100, quick }
    : { rounds: 5, roundMs: 2_000, sliceMs: 250, sliceOps: 10_000, warmupMs: 1_000, concurrency: 16, stormMs: 60_000, sampleEveryMs: 5_000, idleSessions: 1_000, quick };
}
