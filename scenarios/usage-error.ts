/** A mistake in how the CLI was called (exit code 2); the message is shown as is, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
