import { Agent } from 'undici';
import { simKeepAlive } from './defaults.js';

/**
 * The one connection pool of the simulator's own clients (browserless login, device approval, TokenClient). It
 * reuses an idle socket for at most `clientIdleMs`, whatever `Keep-Alive: timeout=` the server announces, so it
 * never sends on a socket the server is about to time out (see simKeepAlive). Idle sockets are unreferenced, so
 * the pool never keeps a process alive.
 */
export const simAgent = new Agent({
  keepAliveTimeout: simKeepAlive.clientIdleMs,
  keepAliveMaxTimeout: simKeepAlive.clientIdleMs,
});
