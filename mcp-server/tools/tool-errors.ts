import { InvalidGrantError, ProviderError } from '../provider/provider-errors.js';

export type ToolErrorCode =
  | 'not_authenticated'
  | 'needs_reauth'
  | 'provider_unavailable'
  | 'provider_error'
  | 'invalid_resume_token'
  | 'not_found'
  | 'store_unavailable';

/**
 * An answer a tool gives as `isError: true` with `{ error, message }`. One class per code; the message is meant
 * for the user and never carries a token.
 */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** No user behind this session: never logged in, logged out here or in another window, or login still pending. */
export class NotAuthenticatedError extends ToolError {
  override name = 'NotAuthenticatedError';
  constructor(message: string) {
    super('not_authenticated', message);
  }
}

/** The user's refresh failed for good (seed 001 #14); only a new login helps. */
export class NeedsReauthError extends ToolError {
  override name = 'NeedsReauthError';
  constructor(message = 'the session expired at the identity provider; call login again') {
    super('needs_reauth', message);
  }
}

export class ProviderUnavailableToolError extends ToolError {
  override name = 'ProviderUnavailableToolError';
  constructor(message: string) {
    super('provider_unavailable', `identity provider unavailable, try again shortly (${message})`);
  }
}

export class ProviderRefusedError extends ToolError {
  override name = 'ProviderRefusedError';
  constructor(error: ProviderError) {
    super('provider_error', `identity provider refused: ${error.code}: ${error.message}`);
  }
}

export class InvalidResumeTokenError extends ToolError {
  override name = 'InvalidResumeTokenError';
  constructor() {
    super('invalid_resume_token', 'unknown, expired or revoked resume token; call login');
  }
}

/** Only the `non-idempotent-logout` flaw answers this (seed 001 #15). */
export class AlreadyLoggedOutError extends ToolError {
  override name = 'AlreadyLoggedOutError';
  constructor() {
    super('not_found', 'session not found: nothing to log out');
  }
}

/** Seed 003: the session store (database) cannot be reached; nothing was changed, so the call can be retried. */
export class StoreUnavailableToolError extends ToolError {
  override name = 'StoreUnavailableToolError';
  constructor(detail: string) {
    super('store_unavailable', `the session store cannot be reached; try again shortly (${detail})`);
  }
}

/** The tool answer for a provider failure. */
export function toolErrorFrom(err: ProviderError): ToolError {
  if (err.transient) return new ProviderUnavailableToolError(err.message);
  if (err instanceof InvalidGrantError) return new NeedsReauthError();
  return new ProviderRefusedError(err);
}
