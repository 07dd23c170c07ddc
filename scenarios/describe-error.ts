/**
 * One line per link of an error's cause chain, with what a reader needs to act on a network failure: the code,
 * the syscall, the address or URL, and any context a harness error added (window, operation). `fetch failed` alone
 * says nothing; `fetch failed <- ECONNRESET read 127.0.0.1:41234` says who hung up.
 */
export function describeError(err: unknown): string {
  return errorLinks(err).join(' <- ');
}

/** The same chain as a list: the error itself first, then each cause. */
export function errorLinks(err: unknown): string[] {
  const links: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== undefined && current !== null && !seen.has(current) && links.length < 8) {
    seen.add(current);
    links.push(describeLink(current));
    current = (current as { cause?: unknown }).cause;
  }
  return links;
}

const FACTS = ['code', 'errno', 'syscall', 'window', 'operation', 'url', 'status'] as const;

function describeLink(link: unknown): string {
  if (!(link instanceof Error) && (typeof link !== 'object' || link === null)) return String(link);
  const e = link as Error & Record<string, unknown>;
  const facts: string[] = [];
  for (const key of FACTS) {
    const value = e[key];
    if ((typeof value === 'string' || typeof value === 'number') && !String(e.message ?? '').includes(String(value))) facts.push(`${key} ${value}`);
  }
  const address = addressOf(e);
  if (address && !String(e.message ?? '').includes(address)) facts.push(`address ${address}`);
  const message = e.message || e.name || 'error';
  return facts.length ? `${message} (${facts.join(', ')})` : message;
}

function addressOf(e: Record<string, unknown>): string | undefined {
  if (typeof e.address === 'string') return typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address;
  // undici's SocketError carries the socket's ends instead.
  const socket = e.socket as { remoteAddress?: string; remotePort?: number; localPort?: number } | undefined;
  if (socket?.remoteAddress) return `${socket.remoteAddress}:${socket.remotePort}${socket.localPort ? ` from port ${socket.localPort}` : ''}`;
  return undefined;
}
