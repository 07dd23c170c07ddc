import type { ActivityMeter } from './activity-meter.js';
import type { EventLog } from './event-log.js';
import type { ServerConfig } from './options.js';
import type { PausePoints } from './pause-points.js';
import type { ProviderClient } from './provider/provider-client.js';
import type { SessionStore } from './store/session-store.js';
import type { KeyedMutex } from '../support/index.js';
import type { TaskSet } from './support/task-set.js';
import type { TokenCipher } from './tokens/token-cipher.js';

/** What every part of the server shares. Built once per server; strategies receive it, never a global. */
export interface ServerContext {
  readonly config: ServerConfig;
  readonly store: SessionStore;
  readonly cipher: TokenCipher;
  readonly provider: ProviderClient;
  readonly events: EventLog;
  readonly pauses: PausePoints;
  /** Per-user lock: refresh, login completion and logout of one user never interleave. */
  readonly userLock: Pick<KeyedMutex, 'run'>;
  /** What the server is working on and waiting for, in strands (in process, for the harness; off until watched). */
  readonly activity: ActivityMeter;
  readonly tasks: TaskSet;
  /** Aborted by close(): provider requests, polls and backoff sleeps stop. */
  readonly closing: AbortSignal;
  now(): number;
  /** Active session and user counts for lifecycle events (seed 000). */
  counts(): Promise<{ activeSessions: number; activeUsers: number }>;
}
