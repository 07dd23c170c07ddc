import type { Agent } from 'undici';
import { simKeepAlive } from './defaults.js';
import { lazyUndici } from './lazy-undici.js';

let agent: Promise<Agent> | undefined;

/**
 * The one connection pool of the simulator's own clients (browserless login, device approval, TokenClient). It
 * reuses an idle socket for at most `clientIdleMs`, whatever `Keep-Alive: timeout=` the server announces, so it
 * never sends on a socket the server is about to time out (see simKeepAlive). Idle sockets are unreferenced, so
 * the pool never keeps a process alive. Made with the first outgoing request, like undici itself (lazy-undici.ts).
 */
export function simAgent(): Promise<Agent> {
  return (agent ??= lazyUndici().then(
    ({ Agent }) => new Agent({ keepAliveTimeout: simKeepAlive.clientIdleMs, keepAliveMaxTimeout: simKeepAlive.clientIdleMs }),
  ));
}
