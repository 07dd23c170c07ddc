import { UsageError } from '../usage-error.js';

/** What an exploration draws from: how many windows and users, how long a case may be, whether levers are pulled. */
export interface Workload {
  name: string;
  summary: string;
  windows: string[];
  /** Users of the simulator the windows log in as (the first N of its seeded users). */
  users: number;
  /** Steps drawn after the opening logins (at most). */
  maxSteps: number;
  /** Whether cases pull the simulator's levers (faults, expire-now) beside window operations. */
  levers: boolean;
  /**
   * The wider lever set: tampered id_tokens at login, the provider ending a user's tokens, several heartbeat rounds
   * in a row, logins inside races, and runs of steps while the server is held at one of its hold points (in process;
   * a server without hold points runs those steps unheld).
   */
  wide?: boolean;
  /** Servers sharing one store (in process: the reference server's replicas); window i talks to replica i mod N. */
  replicas?: number;
  /**
   * Each case draws the heartbeat timing the server starts with (its own, or seed 001's 25 s against a 30 s refresh
   * token), and heartbeat rounds the network slows by up to the server's latency margin (in process: the server
   * declares its timing).
   */
  timing?: boolean;
}

/** Every workload `explore --workload` knows; the first is the default. */
export const workloads: Workload[] = [
  { name: 'two-windows', summary: 'two windows, two users, window operations, races and simulator levers', windows: ['A', 'B'], users: 2, maxSteps: 8, levers: true },
  { name: 'one-user', summary: 'two windows of one user: refresh races, logout and resume of a shared login', windows: ['A', 'B'], users: 1, maxSteps: 8, levers: true },
  { name: 'three-windows', summary: 'three windows, two users, longer cases', windows: ['A', 'B', 'C'], users: 2, maxSteps: 12, levers: true },
  { name: 'calls-only', summary: 'two windows, two users, window operations and races only (no faults, no expire-now)', windows: ['A', 'B'], users: 2, maxSteps: 8, levers: false },
  {
    name: 'wide',
    summary: "two windows, two users, every lever: faults, expire-now, tampered logins, ended tokens, heartbeat rounds in a row, logins in races, steps while the server is held at a hold point (in process)",
    windows: ['A', 'B'],
    users: 2,
    maxSteps: 8,
    levers: true,
    wide: true,
  },
  {
    name: 'replicas',
    summary: 'two windows of one user on two replicas of the reference server sharing one store (PostgreSQL at $HARNESS_PG_URL, else PGlite), every lever of wide',
    windows: ['A', 'B'],
    users: 1,
    maxSteps: 8,
    levers: true,
    wide: true,
    replicas: 2,
  },
  {
    name: 'timing',
    summary: "every lever of wide, plus the heartbeat timing drawn per case (the server's own, or seed 001's 25 s against a 30 s refresh token) and heartbeat rounds the network slows by up to the server's latency margin (in process)",
    windows: ['A', 'B'],
    users: 2,
    maxSteps: 8,
    levers: true,
    wide: true,
    timing: true,
  },
];

export function workloadNamed(name: string): Workload {
  const found = workloads.find((w) => w.name === name);
  if (!found) throw new UsageError(`unknown workload '${name}'; valid: ${workloads.map((w) => w.name).join(', ')}`);
  return found;
}
