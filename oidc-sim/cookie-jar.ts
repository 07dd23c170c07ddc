import { lazyUndici } from './lazy-undici.js';
import { simAgent } from './sim-agent.js';

/** What a browserless walk reads of an answer: its status, a header, its text, or nothing (the body let go). */
export interface JarResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  body: { cancel(): Promise<void> };
}

/**
 * The little a browser does that the provider's flows need: keep cookies, never follow redirects on its own
 * (each hop is a step we inspect). Cookies are keyed by name; the provider's cookie names do not repeat across paths.
 * Requests go through undici's `request`, not `fetch`: a walk makes several per login and needs none of fetch's
 * stream and response machinery, which cost most of a login's client-side time.
 */
export class CookieJar {
  #cookies = new Map<string, string>();

  /** `signal` aborts every request this jar makes (a login's deadline). */
  constructor(readonly signal?: AbortSignal) {}

  async fetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<JarResponse> {
    const { request } = await lazyUndici();
    const headers: Record<string, string> = { ...init.headers };
    if (this.#cookies.size) headers.cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await request(url, { method: (init.method ?? 'GET') as 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}), dispatcher: await simAgent(), ...(this.signal ? { signal: this.signal } : {}) });
    for (const line of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return {
      status: res.statusCode,
      headers: {
        get(name) {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : [value].flat().join(', ');
        },
      },
      text: () => res.body.text(),
      body: { cancel: () => res.body.dump() },
    };
  }
}
