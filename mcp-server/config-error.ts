/**
 * A user error in the options or command line: the message says what to fix and is shown as is, without a stack.
 * Kept apart from internal errors so the serve command can exit 2 for these and crash loudly for bugs.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
