import type { History } from './history.js';

/**
 * Rejects when the scenario has recorded nothing for `stallMs`. Silence, not total duration: a busy CI machine makes
 * a run slow, and a slow run that keeps making progress is not a harness error (issue 12). One timer for the whole
 * run: an event only notes its time, and the timer, when it fires, waits out what is left of the silence since the
 * last one (a timer re-armed on every event cost about 1% of an explored case's CPU: issue 18).
 */
export function withStallWatchdog(promise: Promise<void>, history: History, stallMs: number, id: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let lastAt = performance.now();
  const off = history.onEvent(() => {
    lastAt = performance.now();
  });
  const stalled = new Promise<never>((_, reject) => {
    const check = () => {
      const silentMs = performance.now() - lastAt;
      if (silentMs < stallMs) {
        timer = setTimeout(check, stallMs - silentMs);
        return;
      }
      const last = history.events.at(-1);
      reject(new Error(`scenario ${id} recorded nothing for ${stallMs} ms (last event: ${last ? `#${last.seq} ${last.type}` : 'none'})`));
    };
    timer = setTimeout(check, stallMs);
  });
  return Promise.race([promise, stalled]).finally(() => {
    clearTimeout(timer);
    off();
  });
}
