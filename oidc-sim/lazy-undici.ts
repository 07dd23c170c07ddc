/**
 * undici, imported with the simulator's first outgoing request (a browserless login, a token call) instead of with
 * the module that makes it: a simulator at rest and the CLI's `list` never load it (about 20 MB).
 */
let loading: Promise<typeof import('undici')> | undefined;

export function lazyUndici(): Promise<typeof import('undici')> {
  return (loading ??= import('undici'));
}
