import { expectedCatches } from '../expected-catches.js';

/**
 * Switchboard flaws no explored case can show, and why: the catalogue's scenario catches each (expected-catches.ts).
 * Not races a schedule reaches: what differs from the reference server is outside what a case's operations and
 * levers can bend.
 */
export const catalogueOnlyFlaws: Record<string, string> = {
  'tight-heartbeat':
    "a start-up check and a clock margin, not a race: the flawed server accepts a heartbeat interval that leaves less " +
    "than its latency margin before the refresh token expires (the reference refuses to start with it), and retries a " +
    "failed refresh right up to the token's expiry by its own clock instead of stopping the margin before. Explore " +
    'starts every server with the harness timing, which both accept, and nothing in a case changes a configuration; ' +
    "the two differ only for a retry sent within the margin of the refresh token's real end, which only waiting on the " +
    'wall clock could line up (speed-dependent), while expire-now ends the token for both alike',
};

/** One line per explored flaw that only the catalogue catches: which scenario does, and why explore cannot. */
export function catalogueOnlyNotes(flaws: readonly string[]): string[] {
  return flaws.flatMap((flaw) => {
    const why = catalogueOnlyFlaws[flaw];
    if (!why) return [];
    const caught = expectedCatches[flaw];
    return [`note: ${flaw} is caught by the catalogue only${caught ? ` (scenario ${caught.scenario}, invariant ${caught.invariant})` : ''}: explore cannot show it, ${why}`];
  });
}
