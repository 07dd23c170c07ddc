import type { McpSessionServerOptions } from '../mcp-server/index.js';
import type { ClientCredentials, OidcSimOptions } from '../oidc-sim/index.js';

/** The reference server's options a benchmark may change from their defaults (JSON-safe, sent to the child). */
export type ReferenceTuning = Pick<McpSessionServerOptions, 'timeScale' | 'heartbeat' | 'sessions'>;

/** Which server a benchmark process hosts, and how it is configured. */
export type ServerSpec =
  | { kind: 'sim'; options: OidcSimOptions; /** Count ledger events by type, for `counters` (off by default: no listener on the hot path). */ countEvents?: boolean }
  /** oidc-provider alone, configured by the simulator's own builder for these simulator options (bare-provider.ts). */
  | { kind: 'bare-provider'; options: OidcSimOptions }
  | { kind: 'mock-server'; alg: 'ES256' | 'RS256' }
  | { kind: 'mcp-reference'; issuer: string; client: ClientCredentials; resourceUrl: string; tuning?: ReferenceTuning; countEvents?: boolean }
  | { kind: 'mcp-bare' };

/** What the benchmark asks of a hosted server over IPC. */
export type HostRequest =
  | { op: 'login' }
  | { op: 'approveDevice'; userCode: string; username: string }
  | { op: 'timeLogins'; maxOps: number; maxMs: number }
  | { op: 'stats' }
  | { op: 'gc' }
  | { op: 'counters' }
  | { op: 'heapSnapshot'; path: string }
  | { op: 'close' };

export interface HostStats {
  rss: number;
  heapUsed: number;
  /** What V8 holds for its heap, used or not. */
  heapTotal: number;
  /** Memory of Buffers and other objects outside V8's heap. */
  external: number;
  storedRecords?: number;
}
