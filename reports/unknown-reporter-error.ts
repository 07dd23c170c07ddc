/** A user typo (`--reporter junt`), told apart from harness bugs so the CLI can answer with usage, not a stack. */
export class UnknownReporterError extends Error {
  override readonly name = 'UnknownReporterError';
  constructor(
    readonly reporter: string,
    readonly valid: readonly string[],
  ) {
    super(`unknown reporter "${reporter}"; valid reporters: ${valid.join(', ')}`);
  }
}
