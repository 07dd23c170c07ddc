/** Results files that cannot be merged into one run (overlapping or missing shards, different runs): the user's to fix. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}
