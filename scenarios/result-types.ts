/**
 * The shapes a run produces. Reports are pure functions of these; the JSON reporter writes them as they are.
 * Token values never appear here: only short hashes (`tokenHash`, `parent`).
 */

/** Where an event came from; one swimlane per source in the HTML timeline. */
export type EventSource =
  | { kind: 'window'; window: string } // an MCP client ("browser window") driven by the scenario
  | { kind: 'server'; replica?: string } // the MCP server's own audit events (optional enrichment)
  | { kind: 'sim'; endpoint: string } // the simulator's ledger: token, revocation, introspection, userinfo, resource, ...
  | { kind: 'fault' } // injected faults, gates held/released
  | { kind: 'runner' }; // scenario steps, notes

export interface HistoryEvent {
  /** Position in the one history of a run (0, 1, 2, ...). */
  seq: number;
  /** Milliseconds since the scenario started, from one monotonic clock. */
  at: number;
  source: EventSource;
  /** e.g. 'call', 'result', 'refresh.succeeded', 'token.refreshed', 'reuse.detected', 'gate.held'. */
  type: string;
  /** For client operations: the operation id that ties a call to its result. */
  op?: number;
  user?: string;
  sessionId?: string;
  grantId?: string;
  tokenHash?: string;
  parent?: string;
  /** Free-form, JSON-safe details (no token values). */
  detail?: Record<string, unknown>;
}

/** held: judged and fine; violated: judged and broken; inconclusive: the history held no evidence to judge. */
export type VerdictOutcome = 'held' | 'violated' | 'inconclusive';

export interface InvariantVerdict {
  invariant: string;
  /** True only when the invariant was judged and held; false when violated or inconclusive (never green by default). */
  holds: boolean;
  /** Absent in files written before it existed: read it as `holds ? 'held' : 'violated'`. */
  outcome?: VerdictOutcome;
  /** What the invariant found wrong (or, when inconclusive, why it could not judge), one sentence. Empty when it holds. */
  message?: string;
  /** The smallest set of events (by seq) that shows the violation. */
  witness: number[];
  /**
   * The witness told in words, one step per witness event in history order. Derived from the history and the
   * witness (reports' `witnessStory`); results.json carries it so a CI log reader needs no renderer.
   */
  story?: StoryStep[];
}

/** One step of a witness story: one sentence saying who did what, to which token hash or session, and when. */
export interface StoryStep {
  seq: number;
  /** Milliseconds since the scenario started. */
  at: number;
  text: string;
}

/**
 * passed: every invariant judged and held; failed: one was violated (the server's fault); inconclusive: none was
 * violated but the run lacked evidence (a login never completed, a race never formed); skipped: the target cannot run
 * it (`reason` says why); error: a harness bug (ours), never a verdict on the server.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'error';

export interface ScenarioResult {
  id: string;
  title: string;
  seeds: string[];
  tags: string[];
  seed: number;
  flaws: string[];
  status: ScenarioStatus;
  durationMs: number;
  verdicts: InvariantVerdict[];
  /** A harness bug (exception in the harness) — never reported as a failed invariant. `causes`: its cause chain. */
  error?: { message: string; causes?: string[] };
  /** Why the scenario is inconclusive or skipped, one sentence. */
  reason?: string;
  /** Fingerprint of the order windows, the token endpoint and gates acted in; `--repeat` counts distinct ones. */
  interleaving?: string;
  /** External targets: the last lines the target printed (stdout and stderr), secrets redacted. */
  targetLog?: string[];
  history: HistoryEvent[];
  /** Paste-back command that replays exactly this run. */
  replay: string;
}

export interface FlawMatrix {
  flaws: string[];
  scenarios: string[];
  /** cells[flaw][scenario] = invariants that failed (empty = not caught). */
  cells: Record<string, Record<string, string[]>>;
  /** The clean column: scenarios that failed with no flaw switched on (must be empty). */
  falseAlarms: string[];
}

export interface RunResult {
  startedAt: string;
  durationMs: number;
  seed: number;
  repeat: number;
  target: string;
  scenarios: ScenarioResult[];
  matrix?: FlawMatrix;
  machine?: { node: string; platform: string; cpus: number };
  /** Set when the run was one shard of a split run (`run --shard 2/4`): which part it ran. Absent in a merged run. */
  shard?: { index: number; total: number };
  /** Set on a merged run (`report --merge`): how many results files it was made of, and the shards among them. */
  merged?: { files: number; shards: Array<{ index: number; total: number }> };
  /** Set when the run was compared with a baseline (`--baseline FILE`): which failures were known, new or fixed. */
  baseline?: BaselineComparison;
}

/** A failure named by what a baseline can list: scenario, invariant, flaws (joined with '+', '' for none), target. */
export interface FailureKey {
  scenario: string;
  invariant: string;
  flaw: string;
  target: string;
  /** For a known failure: the reason its baseline entry gives. */
  reason?: string;
}

/** A run against a baseline. `known` failures do not fail the run; `new` ones do; `fixed` entries no longer fail. */
export interface BaselineComparison {
  /** The baseline file as given. */
  source: string;
  known: FailureKey[];
  new: FailureKey[];
  /** Baseline entries whose scenario ran and did not fail that way. */
  fixed: BaselineEntry[];
}

/** One known failure in a baseline file; a field left out matches anything. */
export interface BaselineEntry {
  scenario: string;
  invariant?: string;
  /** Flaws joined with '+' as in a replay command; '' means the clean reference server. */
  flaw?: string;
  target?: string;
  /** Why it is known (an issue link, a decision); shown beside it. */
  reason?: string;
}
