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

export interface InvariantVerdict {
  invariant: string;
  holds: boolean;
  /** What the invariant found wrong, one sentence. Empty when it holds. */
  message?: string;
  /** The smallest set of events (by seq) that shows the violation. */
  witness: number[];
}

export type ScenarioStatus = 'passed' | 'failed' | 'error';

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
  /** A harness bug (exception in the harness) — never reported as a failed invariant. */
  error?: { message: string };
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
}
