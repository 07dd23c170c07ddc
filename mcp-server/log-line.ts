import type { ServerEvent } from './server-events.js';
import { tokenHash } from './tokens/token-hash.js';

/**
 * One event as a log line. A session id is a bearer credential (whoever sends it is that window), so the log names
 * sessions by `sessionHash` = `s:` + the first 12 characters of base64url(sha256(id)), the recipe the harness's
 * history uses, and never by value.
 */
export function logLine(event: ServerEvent): string {
  if (!('sessionId' in event) || event.sessionId === undefined) return JSON.stringify(event);
  const { sessionId, ...rest } = event;
  return JSON.stringify({ ...rest, sessionHash: sessionHash(sessionId) });
}

export const sessionHash = (sessionId: string) => `s:${tokenHash(sessionId)}`;
