const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
// On the raw string, not a parsed URL: parsing would normalise the path ('/a/../cb'), and matching must stay exact.
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::\d{1,5})?(?=[/?]|$)/i;

/** True for an http(s) URL on a loopback host (127.0.0.1, ::1, localhost): where a test world's apps live. */
export function isLoopbackUrl(value: string): boolean {
  const url = URL.parse(value);
  return Boolean(url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname));
}

/** The URI without its port when it is an http URL on a loopback host; undefined otherwise. */
export function withoutLoopbackPort(uri: string): string | undefined {
  const m = LOOPBACK_HTTP.exec(uri);
  return m ? `http://${m[1]!.toLowerCase()}${uri.slice(m[0].length)}` : undefined;
}
