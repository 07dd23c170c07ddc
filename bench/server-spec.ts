import type { ClientCredentials, Lifetimes, OidcSimOptions } from '../oidc-sim/index.js';

/** Which server a benchmark process hosts, and how it is configured. */
export type ServerSpec =
  | { kind: 'sim'; options: OidcSimOptions }
  | {
      kind: 'bare-provider';
      idTokenAlg: 'ES256' | 'RS256';
      lifetimes: Lifetimes;
      clients: { confidential: ClientCredentials; public: ClientCredentials };
      redirectUri: string;
    }
  | { kind: 'mock-server'; alg: 'ES256' | 'RS256' }
  | { kind: 'mcp-reference'; issuer: string; client: ClientCredentials; resourceUrl: string }
  | { kind: 'mcp-bare' };

/** What the benchmark asks of a hosted server over IPC. */
export type HostRequest =
  | { op: 'login' }
  | { op: 'approveDevice'; userCode: string; username: string }
  | { op: 'timeLogins'; maxOps: number; maxMs: number }
  | { op: 'stats' }
  | { op: 'gc' }
  | { op: 'close' };

export interface HostStats {
  rss: number;
  heapUsed: number;
  storedRecords?: number;
}
