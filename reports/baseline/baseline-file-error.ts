/** A baseline file that cannot be used: a user error (bad path, bad JSON, a field of the wrong shape), never a harness bug. */
export class BaselineFileError extends Error {
  override readonly name = 'BaselineFileError';
  constructor(
    readonly path: string,
    /** One line per problem, naming the field: `knownFailures[2].scenario: expected string`. */
    readonly problems: string[],
  ) {
    super(`${path} is not a usable baseline:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
