import { request, type Dispatcher } from 'undici';
import type { ActivityMeter } from '../activity-meter.js';
import { ProviderUnavailableError } from './provider-errors.js';

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Every request to the provider goes through here: one undici dispatcher, one timeout, one abort signal that
 * server close() trips. Network failures become ProviderUnavailableError, so callers only handle typed errors.
 */
export class ProviderHttp {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
    private readonly closing: AbortSignal,
    /** Counts each request as a wait on the provider (ActivityMeter), so a harness can tell one held at a gate. */
    private readonly activity?: Pick<ActivityMeter, 'provider'>,
  ) {}

  get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.#send(url, { method: 'GET', headers: { accept: 'application/json', ...headers } });
  }

  postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.#send(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** For jose's remote JWKS: the same dispatcher, timeout and close signal as every other call. */
  async fetchJson(url: string): Promise<Response> {
    const answer = await this.get(url);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }

  #send(url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<HttpAnswer> {
    const sent = this.#sendOnce(url, init);
    return this.activity ? this.activity.provider(sent) : sent;
  }

  async #sendOnce(url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<HttpAnswer> {
    const signal = AbortSignal.any([this.closing, AbortSignal.timeout(this.timeoutMs)]);
    let status: number;
    let text: string;
    try {
      const res = await request(url, { ...init, dispatcher: this.dispatcher, signal });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      const reason = signal.aborted && !this.closing.aborted ? `timed out after ${this.timeoutMs} ms` : describe(err);
      throw new ProviderUnavailableError(`${init.method} ${new URL(url).pathname}: ${reason}`);
    }
    if (!text) return { status, body: {} };
    try {
      const body = JSON.parse(text) as unknown;
      return { status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { value: body } };
    } catch {
      if (status >= 500) return { status, body: {} };
      throw new ProviderUnavailableError(`${init.method} ${new URL(url).pathname}: answered ${status} with non-JSON`, status);
    }
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code ?? e.message ?? String(err);
}
