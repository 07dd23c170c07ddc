/**
 * One class per error the provider can answer (or the network can cause). Each knows whether retrying can
 * help: transient ones are retried with backoff, the rest end the attempt (seed 001 #14).
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly transient: boolean = false;
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The refresh token or device code is dead: consumed, revoked, expired. Re-authentication is the only way out. */
export class InvalidGrantError extends ProviderError {
  override name = 'InvalidGrantError';
  constructor(message = 'grant is invalid', status = 400) {
    super('invalid_grant', message, status);
  }
}

export class AuthorizationPendingError extends ProviderError {
  override name = 'AuthorizationPendingError';
  constructor(status = 400) {
    super('authorization_pending', 'the user has not approved the device yet', status);
  }
}

export class SlowDownError extends ProviderError {
  override name = 'SlowDownError';
  constructor(status = 400) {
    super('slow_down', 'polling too fast', status);
  }
}

export class ExpiredTokenError extends ProviderError {
  override name = 'ExpiredTokenError';
  constructor(message = 'device code expired', status = 400) {
    super('expired_token', message, status);
  }
}

export class AccessDeniedError extends ProviderError {
  override name = 'AccessDeniedError';
  constructor(message = 'the user denied the request', status = 400) {
    super('access_denied', message, status);
  }
}

export class InvalidClientError extends ProviderError {
  override name = 'InvalidClientError';
  constructor(message = 'client authentication failed', status = 401) {
    super('invalid_client', message, status);
  }
}

/** A bearer token was refused by userinfo or the resource API (401). */
export class InvalidTokenError extends ProviderError {
  override name = 'InvalidTokenError';
  constructor(message = 'access token refused', status = 401) {
    super('invalid_token', message, status);
  }
}

/** 5xx, connection reset or refused, timeout, unparseable answer: the provider may be fine again soon. */
export class ProviderUnavailableError extends ProviderError {
  override name = 'ProviderUnavailableError';
  override readonly transient = true;
  constructor(message: string, status?: number) {
    super('provider_unavailable', message, status);
  }
}

/** The id_token failed validation (signature, iss, aud, exp; seed 001 #17). */
export class InvalidIdTokenError extends ProviderError {
  override name = 'InvalidIdTokenError';
  constructor(message: string) {
    super('invalid_id_token', message);
  }
}

const byCode: Record<string, (message: string, status: number) => ProviderError> = {
  invalid_grant: (m, s) => new InvalidGrantError(m, s),
  authorization_pending: (_m, s) => new AuthorizationPendingError(s),
  slow_down: (_m, s) => new SlowDownError(s),
  expired_token: (m, s) => new ExpiredTokenError(m, s),
  access_denied: (m, s) => new AccessDeniedError(m, s),
  invalid_client: (m, s) => new InvalidClientError(m, s),
  invalid_token: (m, s) => new InvalidTokenError(m, s),
};

/** The typed error for an OAuth error answer. */
export function providerErrorFrom(status: number, body: { error?: unknown; error_description?: unknown }): ProviderError {
  const code = typeof body.error === 'string' ? body.error : undefined;
  const message = typeof body.error_description === 'string' ? body.error_description : (code ?? `HTTP ${status}`);
  if (status >= 500 || status === 429) return new ProviderUnavailableError(`provider answered ${status}: ${message}`, status);
  if (code && byCode[code]) return byCode[code](message, status);
  if (status === 401) return new InvalidTokenError(message, status);
  return new ProviderError(code ?? 'provider_error', message, status);
}
