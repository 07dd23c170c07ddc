/** A clock the test moves by hand, for expiry and reaping without waiting on wall time. */
export function manualClock(start = Date.now()) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
