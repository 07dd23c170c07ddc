import type { RequestInit, Response } from 'undici';
import { lazyUndici } from './lazy-undici.js';
import { simAgent } from './sim-agent.js';

/**
 * The little a browser does that the provider's flows need: keep cookies, never follow redirects on its own
 * (each hop is a step we inspect). Cookies are keyed by name; the provider's cookie names do not repeat across paths.
 */
export class CookieJar {
  #cookies = new Map<string, string>();

  /** `signal` aborts every request this jar makes (a login's deadline). */
  constructor(readonly signal?: AbortSignal) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const { fetch, Headers } = await lazyUndici();
    const headers = new Headers(init.headers);
    if (this.#cookies.size) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual', dispatcher: await simAgent(), ...(this.signal ? { signal: this.signal } : {}) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }
}
