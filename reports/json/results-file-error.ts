/** A results file that cannot be read: a user error (bad path, bad JSON, wrong shape), never a harness bug. */
export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
  constructor(
    readonly path: string,
    /** One line per problem, each naming the field, e.g. `scenarios[1].status: expected one of passed|failed|error`. */
    readonly problems: string[],
  ) {
    super(`${path} is not a valid results file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
