import type { CycleGuard } from '../heartbeat/cycle-guard.js';

/** Flaw `overlapping-heartbeat` (seed 001 #11): every tick starts a cycle, whatever the last one is still doing. */
export function createOverlappingGuard(): CycleGuard {
  return { run: (_cycle, work) => work() };
}
