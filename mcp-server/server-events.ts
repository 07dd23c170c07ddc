/**
 * What the server reports about itself, in-process, for the runner's history. Users appear by id, sessions by
 * id, tokens only as short sha256 prefixes (tokenHash); a token value never goes into an event.
 */
interface Counts {
  activeSessions: number;
  activeUsers: number;
}

export type SessionCloseReason = 'deleted' | 'transport-closed' | 'idle' | 'expired' | 'server-closed';
export type RefreshTrigger = 'heartbeat' | 'tool';

export type ServerEventBody =
  | ({ type: 'session.opened'; sessionId: string } & Counts)
  | ({ type: 'session.closed'; sessionId: string; userId?: string; reason: SessionCloseReason; tokensDeleted: boolean } & Counts)
  /** A session opened before a restart (or on another replica) got a transport here again (seed 003). */
  | { type: 'session.restored'; sessionId: string }
  | { type: 'session.activated'; sessionId: string; userId: string; via: 'login' | 'resume' }
  | { type: 'session.activation-failed'; sessionId: string; userId: string; via: 'login' | 'resume'; reason: string }
  | { type: 'login.started'; sessionId: string }
  | ({ type: 'login.succeeded'; sessionId: string; userId: string; username?: string; accessTokenHash: string; refreshTokenHash?: string } & Counts)
  | { type: 'login.failed'; sessionId: string; error: string; message: string }
  | { type: 'refresh.started'; userId: string; trigger: RefreshTrigger; refreshTokenHash?: string }
  /** A refresh was needed while one for the same user was in flight; this caller waits for that one (001 #1). */
  | { type: 'refresh.joined'; userId: string; trigger: RefreshTrigger }
  /** A refresh waits for the user's lock in the store, held by another replica: it reads the record again once it has it (seed 003). */
  | { type: 'refresh.waiting'; userId: string }
  /** The caller's tokens were refreshed meanwhile (another replica won the race): it uses those (seed 003). */
  | { type: 'refresh.adopted'; userId: string; trigger: RefreshTrigger; accessTokenHash: string }
  | { type: 'refresh.succeeded'; userId: string; trigger: RefreshTrigger; refreshTokenHash?: string; newRefreshTokenHash?: string; accessTokenHash: string }
  | { type: 'refresh.failed'; userId: string; trigger: RefreshTrigger; refreshTokenHash?: string; error: string; transient: boolean; consecutiveFailures: number }
  | { type: 'tokens.written'; userId: string; accessTokenHash: string; refreshTokenHash?: string; partial: boolean }
  | { type: 'heartbeat.started'; cycle: number; users: number }
  | { type: 'heartbeat.finished'; cycle: number; refreshed: number; failed: number; skipped: number }
  | { type: 'heartbeat.skipped'; cycle: number; reason: 'previous cycle still running' }
  | ({ type: 'logout'; sessionId: string; userId?: string; revoked: boolean; alreadyLoggedOut: boolean } & Counts)
  | { type: 'needs_reauth'; userId: string; reason: string }
  | { type: 'user.removed'; userId: string; reason: string }
  | { type: 'tool.called'; tool: string; sessionId?: string; userId?: string; ok: boolean; error?: string }
  | { type: 'request.rejected'; status: number; reason: string }
  | { type: 'server.error'; where: string; message: string };

export type ServerEvent = ServerEventBody & {
  seq: number;
  /** performance.now() in ms: the same monotonic clock as the simulator's ledger when in one process. */
  at: number;
  /** Wall clock, for humans. */
  time: number;
};

export type ServerEventType = ServerEvent['type'];
export type ServerEventListener = (event: ServerEvent) => void;
