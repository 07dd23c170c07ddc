
/** A window could not do `operation` against the server at `url`; `cause` is what the network or the SDK said. */
export class WindowError extends Error {
  override name = 'WindowError';
  constructor(
    readonly window: string,
    readonly operation: string,
    readonly url: string,
    cause: unknown,
  ) {
    super(`window ${window}: ${operation} ${url} failed`, { cause });
  }
}
