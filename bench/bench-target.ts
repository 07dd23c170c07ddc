import type { ClientCredentials, Lifetimes, TokenSet } from '../oidc-sim/index.js';

/** What a benchmark needs from a token server, whichever it is: where it is, a client, and a way to log in. */
export interface BenchTarget<I = TargetInfo> {
  info: I;
  /** A fresh login (a new grant with a refresh token), by whatever dance this server needs. */
  login?(): Promise<TokenSet>;
  /** Approves a device login's user code as `username` (the simulator plays the user). */
  approveDevice?(userCode: string, username: string): Promise<void>;
  /** Live records in the server's token storage, where it can tell. */
  storedRecords?(): number;
  /** Events seen so far by type (the simulator's ledger, the server's event log), where counting was asked for. */
  counters?(): Record<string, number>;
  close(): Promise<void>;
}

/** Sent from the server's process to the benchmark once it listens; enough to build an equal baseline. */
export interface TargetInfo {
  issuer: string;
  /** The client the benchmark refreshes as (confidential, client_secret_basic). */
  client: ClientCredentials;
  clients?: { confidential: ClientCredentials; public: ClientCredentials };
  redirectUri?: string;
  /** Effective lifetimes in seconds. */
  lifetimes?: Lifetimes;
  idTokenAlg?: 'ES256' | 'RS256';
  /** Who the server's interaction page signs in when a login names them (login_hint). */
  loginHint?: string;
  /** The simulator's protected API and its users, for an MCP server in front of it. */
  resourceUrl?: string;
  usernames?: string[];
}

/** An MCP server hosted for a benchmark: where its Streamable HTTP endpoint is. */
export interface McpInfo {
  url: string;
}
