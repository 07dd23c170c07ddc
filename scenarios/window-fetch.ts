import { Agent, fetch } from 'undici';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { harnessDefaults } from './defaults.js';

/**
 * The windows' own connection pool, instead of the process-wide one behind global fetch: it reuses an idle socket
 * for at most `windowIdleMs` whatever `Keep-Alive: timeout=` the server announces, so a window never sends on a
 * socket the server is timing out. No retries: a failed request is the target's outcome, reported as it happened.
 * Idle sockets are unreferenced, so the pool never keeps a process alive.
 */
export const windowAgent = new Agent({
  keepAliveTimeout: harnessDefaults.windowIdleMs,
  keepAliveMaxTimeout: harnessDefaults.windowIdleMs,
});

export const windowFetch: FetchLike = (url, init) =>
  fetch(url, { ...(init as Parameters<typeof fetch>[1]), dispatcher: windowAgent }) as unknown as Promise<Response>;
