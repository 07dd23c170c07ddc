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
  /** RFC 6750 §3: a 401 says which scheme it wants. */
  readonly wwwAuthenticate = 'Bearer realm="oidc-sim control"';
  constructor() {
    super('control API needs "Authorization: Bearer <control token>" (printed by oidc-harness sim)');
  }
}

/** A control request body above the limit. */
export class PayloadTooLargeError extends SimError {
  override readonly status = 413;
  override readonly code = 'invalid_request';
  override name = 'PayloadTooLargeError';
  constructor(readonly limit: number) {
    super(`body: larger than ${limit / 1024} KiB`);
  }
}

/** A device approval named a user code the provider does not know (never issued, expired or already used). */
export class UnknownUserCodeError extends SimError {
  override readonly status = 404;
  override readonly code = 'unknown_user_code';
  override name = 'UnknownUserCodeError';
  constructor(readonly userCode: string, reason: string) {
    super(`user_code '${userCode}': ${reason} (no pending device login has it)`);
  }
}

/** A browserless login or device approval did not finish in time: something holds the provider's pages. */
export class LoginTimeoutError extends SimError {
  override readonly status = 504;
  override readonly code = 'login_timeout';
  override name = 'LoginTimeoutError';
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} did not finish within ${ms / 1000} s (browserlessTimeoutSeconds); is a hang, gate or latency rule holding the authorization, device or token endpoint?`);
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

/** A form body (token, revocation, device, ...) above the limit, read ahead of the provider: an OAuth JSON error. */
export class FormTooLargeError extends SimError {
  override readonly status = 413;
  override readonly code = 'invalid_request';
  override name = 'FormTooLargeError';
  constructor(readonly limit: number) {
    super(`request body larger than ${limit / 1024} KiB`);
  }
}
