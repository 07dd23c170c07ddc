import { LoginTimeoutError } from './errors.js';

/**
 * Runs a browserless login step with a deadline (issue 13: a `hang` rule on the authorization endpoint made
 * /control/login hang forever). The signal aborts the step's requests; the race answers even if one ignores it.
 */
export async function withinDeadline<T>(what: string, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new LoginTimeoutError(what, ms));
      controller.abort();
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
