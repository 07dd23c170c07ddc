import type { Workload } from './workloads.js';

/**
 * Switchboard flaws that only a workload with a particular lever reaches, which one, and why. Every other flaw is
 * reached by `wide` (and some by the smaller workloads too).
 */
export const flawWorkloads: Record<string, { workload: string; why: string }> = {
  'replica-unlocked-refresh': { workload: 'replicas', why: 'a race between two replicas of the server on one store' },
  'blind-delete': { workload: 'replicas', why: 'a race between two replicas of the server on one store' },
  'tight-heartbeat': {
    workload: 'timing',
    why: "it shows only when the server is offered seed 001's heartbeat timing (25 s against a 30 s refresh token) and a round is slowed by the network",
  },
};

/** The workload that reaches `flaw`: its own, else `wide`. */
export function workloadNameFor(flaw: string): string {
  return flawWorkloads[flaw]?.workload ?? 'wide';
}

/** One note per flaw switched on that the chosen workload cannot reach, naming the workload that does. */
export function flawWorkloadNotes(flaws: readonly string[], workload: Workload): string[] {
  return flaws.flatMap((flaw) => {
    const needs = flawWorkloads[flaw];
    if (!needs || needs.workload === workload.name) return [];
    return [`note: ${flaw} is reached by --workload ${needs.workload}, not ${workload.name}: ${needs.why}`];
  });
}
