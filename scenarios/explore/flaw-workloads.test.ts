import { describe, expect, it } from 'vitest';
import { flawNames } from '../../mcp-server/index.js';
import { exploreUsage } from '../commands/explore.js';
import { flawWorkloadNotes, flawWorkloads, workloadNameFor } from './flaw-workloads.js';
import { workloadNamed } from './workloads.js';

describe('the workload that reaches a flaw', () => {
  it('is a known workload with the lever the flaw needs, for switchboard flaws only', () => {
    for (const [flaw, { workload, why }] of Object.entries(flawWorkloads)) {
      expect(flawNames).toContain(flaw);
      expect(why.length).toBeGreaterThan(20);
      const w = workloadNamed(workload);
      expect(w.replicas !== undefined || w.timing === true).toBe(true);
    }
    expect(workloadNameFor('tight-heartbeat')).toBe('timing');
    expect(workloadNameFor('blind-delete')).toBe('replicas');
    expect(workloadNameFor('unlocked-refresh')).toBe('wide');
  });

  it('is named in a note when explore runs the flaw with another workload, and only then', () => {
    expect(flawWorkloadNotes(['tight-heartbeat', 'unlocked-refresh'], workloadNamed('two-windows'))).toEqual([
      expect.stringMatching(/^note: tight-heartbeat is reached by --workload timing, not two-windows: it shows only when the server is offered seed 001's heartbeat timing/),
    ]);
    expect(flawWorkloadNotes(['tight-heartbeat'], workloadNamed('timing'))).toEqual([]);
    expect(flawWorkloadNotes(['blind-delete'], workloadNamed('wide'))).toEqual([expect.stringMatching(/--workload replicas, not wide/)]);
    expect(exploreUsage).toMatch(/tight-heartbeat: timing/);
  });
});
