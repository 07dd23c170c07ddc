import type Provider from 'oidc-provider';
import type { Context } from 'koa';
import { readForm } from '../request-form.js';
import { tokenHash } from '../token-hash.js';
import type { SimUser } from '../users.js';
import type { Endpoint } from './endpoints.js';

/**
 * RFC 6749 §2.3.1 form-encodes the id inside Basic credentials. A malformed escape is the client's error to get
 * from the provider (invalid_client), not a crash of the fault layer: match on the raw text instead.
 */
function decodeClientId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

type Found = { accountId?: string; grantId?: string } | undefined;
export interface Owner {
  sub?: string;
  username?: string;
  grantId?: string;
}

export interface RequestSummary extends Owner {
  endpoint: Endpoint;
  grantType?: string;
  clientId?: string;
  /** Hash of the refresh token presented (lineage), as in the ledger. */
  tokenHash?: string;
}

/**
 * What a fault rule can match a request on, read lazily: most rules only need the endpoint, and reading the
 * body or looking a token up costs a little on every request.
 */
export class RequestFacts {
  #owner?: Promise<Owner>;
  #form?: Promise<URLSearchParams | undefined>;
  #summary?: Promise<RequestSummary>;

  constructor(
    readonly ctx: Context,
    readonly endpoint: Endpoint,
    readonly provider: Provider,
    readonly users: Map<string, SimUser>,
  ) {}

  async param(name: string): Promise<string | undefined> {
    // One read shared by concurrent lookups: readForm caches its result only once the body is in.
    this.#form ??= readForm(this.ctx);
    return (await this.#form)?.get(name) ?? (this.ctx.query[name] as string | undefined) ?? undefined;
  }

  grantType(): Promise<string | undefined> {
    return this.endpoint === 'token' ? this.param('grant_type') : Promise.resolve(undefined);
  }

  async clientId(): Promise<string | undefined> {
    const basic = /^Basic (.+)$/i.exec(this.ctx.get('authorization'))?.[1];
    if (basic) return decodeClientId(Buffer.from(basic, 'base64').toString().split(':')[0] ?? '');
    return this.param('client_id');
  }

  /** The refresh token a token or revocation request presents, if any. */
  async refreshToken(): Promise<string | undefined> {
    if ((await this.grantType()) === 'refresh_token') return this.param('refresh_token');
    return undefined;
  }

  /** Whose request this is: the owner of the token it presents, or the user a login names. */
  owner(): Promise<Owner> {
    this.#owner ??= this.#findOwner();
    return this.#owner;
  }

  /** A summary for ledger events and held-request listings; never a token value. */
  summary(): Promise<RequestSummary> {
    this.#summary ??= Promise.all([this.grantType(), this.clientId(), this.refreshToken(), this.owner()]).then(
      ([grantType, clientId, rt, owner]) => ({ endpoint: this.endpoint, grantType, clientId, tokenHash: rt && tokenHash(rt), ...owner }),
    );
    return this.#summary;
  }

  async #findOwner(): Promise<Owner> {
    const found = await this.#lookup().catch(() => undefined);
    const sub = found?.accountId;
    if (sub) return { sub, username: this.users.get(sub)?.username, grantId: found.grantId };
    const hint = this.endpoint === 'authorization' ? await this.param('login_hint') : undefined;
    const user = hint ? [...this.users.values()].find((u) => u.username === hint) : undefined;
    return user ? { sub: user.sub, username: user.username } : {};
  }

  async #lookup(): Promise<Found> {
    const { RefreshToken, AccessToken, AuthorizationCode, DeviceCode } = this.provider;
    const opts = { ignoreExpiration: true };
    const bearer = /^Bearer ([\x21-\x7e]+)$/i.exec(this.ctx.get('authorization'))?.[1];
    if (bearer) return AccessToken.find(bearer, opts);
    if (this.endpoint === 'token') {
      const grantType = await this.grantType();
      if (grantType === 'refresh_token') return RefreshToken.find((await this.param('refresh_token')) ?? '', opts);
      if (grantType === 'authorization_code') return AuthorizationCode.find((await this.param('code')) ?? '', opts);
      if (grantType?.endsWith('device_code')) return DeviceCode.find((await this.param('device_code')) ?? '', opts);
    }
    if (this.endpoint === 'revocation' || this.endpoint === 'introspection') {
      const token = (await this.param('token')) ?? '';
      return (await RefreshToken.find(token, opts)) ?? (await AccessToken.find(token, opts));
    }
    return undefined;
  }
}
