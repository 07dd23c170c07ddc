import type { ActivityState } from '../mcp-server/index.js';
import type { OidcSim } from '../oidc-sim/index.js';

/** A server event as the history wants it: a type, a time on the shared clock, and flat facts. */
export interface ServerFact {
  type: string;
  at?: number;
  userId?: string;
  sessionId?: string;
  [key: string]: unknown;
}

/**
 * What the world needs from an MCP server. Only `url` and `close` are required, so any server (any language,
 * any process) can stand in; the optional parts let the in-process reference server enrich the timeline and
 * make heartbeat rounds deterministic.
 */
export interface ServerHandle {
  url: string;
  close(): Promise<void>;
  /**
   * In process: makes the server as new on the same address (sessions, store, events, holds and flaw state gone), so
   * a run can reuse it for its next world instead of starting another (`ServerPool`). Throws when it cannot.
   */
  reset?(): Promise<void>;
  /** Endpoints of further replicas sharing one store (index 1, 2, ... in `world.window(name, { replica })`). */
  replicaUrls?: string[];
  /** Stops the server process(es) and starts them again on the same store and address. */
  restart?(): Promise<void>;
  onEvent?(listener: (fact: ServerFact) => void): () => void;
  /** A target's own heartbeat: it refreshes every logged-in user at least this often (declared, never guessed). */
  heartbeatPeriodMs?: number;
  /**
   * The heartbeat timing the server runs with, as it declares it (in process: its resolved configuration): how often a
   * round starts, how long it takes the refresh token to live, and the head room it keeps for network latency.
   */
  heartbeatTiming?: HeartbeatTiming;
  /** In process: the server polls its pending device logins now (the world calls it once it approved a user code). */
  pollDeviceLoginsNow?(): void;
  /** Runs one heartbeat cycle now and resolves when it has finished. */
  heartbeatOnce?(): Promise<void>;
  /** Subjects (user ids) whose token records are in the server's store right now. */
  usersWithTokens?(): Promise<string[]>;
  /** Ids of the sessions the server's store holds right now. */
  sessionIds?(): Promise<string[]>;
  /** Server log lines captured for the no-plaintext check. */
  logs?(): string[];
  /** External targets: the last lines the process printed (stdout and stderr), secrets redacted, for the results. */
  targetLog?(): string[];
  /** External targets: calls `listener` if the process exits before `close()` (a crash mid-run). */
  onExit?(listener: (exit: { code: number | null; signal: string | null }) => void): () => void;
  /**
   * In process: what the server (every replica) is working on and waiting for now, and a way to hear when that
   * changes (after every promise continuation ran). What lets explore wait for calls to finish or to wait on what is
   * held, instead of for a quiet period (scenarios/server-still.ts).
   */
  activity?: { state(): ActivityState; subscribe(listener: () => void): () => void };
  /** White-box holds at named points (reference server only); `replica`: which of several replicas (default 0). */
  hold?(point: string, match?: (info: Record<string, unknown>) => boolean, replica?: number): { reached: Promise<unknown>; release(): void };
}

export interface ServerContext {
  sim: OidcSim;
  flaws: string[];
  seed: number;
  options: Record<string, unknown>;
}

export type ServerFactory = (ctx: ServerContext) => Promise<ServerHandle>;

/** A server's heartbeat timing (seed 001 #5): each round must reach the provider the margin before the token it carries expires. */
export interface HeartbeatTiming {
  intervalMs: number;
  refreshTokenLifetimeMs: number;
  latencyMarginMs: number;
}

/** The timing a server resolved (the reference server's configuration), as its handle declares it. */
export function heartbeatTimingOf({ intervalMs, refreshTokenLifetimeMs, latencyMarginMs }: HeartbeatTiming): HeartbeatTiming {
  return { intervalMs, refreshTokenLifetimeMs, latencyMarginMs };
}
