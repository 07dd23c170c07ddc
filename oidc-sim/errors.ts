/** Errors the simulator raises toward its callers. Each knows its HTTP status and OAuth-style error code. */
export class SimError extends Error {
  readonly status: number = 500;
  readonly code: string = 'server_error';
  override name = 'SimError';
}

/** Options or a control request were malformed; `field` names what to fix. */
export class InvalidOptionError extends SimError {
  override readonly status = 400;
  override readonly code = 'invalid_request';
  override name = 'InvalidOptionError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class UnknownUserError extends SimError {
  override readonly status = 404;
  override readonly code = 'unknown_user';
  override name = 'UnknownUserError';
  constructor(readonly username: string, known: string[]) {
    super(`unknown user '${username}' (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})`);
  }
}

/** The browserless login or device approval did not reach its end; `step` says where it stopped. */
export class LoginFlowError extends SimError {
  override readonly status = 502;
  override readonly code = 'login_failed';
  override name = 'LoginFlowError';
  constructor(readonly step: string, detail: string) {
    super(`login failed at ${step}: ${detail}`);
  }
}

export class UnauthorizedControlError extends SimError {
  override readonly status = 401;
  override readonly code = 'invalid_token';
  override name = 'UnauthorizedControlError';
  constructor() {
    super('control API needs "Authorization: Bearer <control token>" (printed by oidc-harness sim)');
  }
}

export class PortInUseError extends SimError {
  override name = 'PortInUseError';
  constructor(host: string, port: number) {
    super(`cannot listen on ${host}:${port}: the port is already in use (use --port 0 for a free one)`);
  }
}

/** A control or in-process call named a fault rule, gate or tamper rule that does not exist (any more). */
export class UnknownFaultError extends SimError {
  override readonly status = 404;
  override readonly code = 'not_found';
  override name = 'UnknownFaultError';
  constructor(readonly kind: string, readonly id: string) {
    super(`no ${kind} '${id}'`);
  }
}
