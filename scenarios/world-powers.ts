import type { Capability } from './define-scenario.js';
import type { World } from './world.js';

/**
 * White-box powers of the in-process reference server, one per capability a scenario can name in `needs`. A scenario
 * that needs none gets the black-box core only, so its type shows it can judge a stranger's server.
 */
export interface Powers {
  /** A heartbeat round started now, unbracketed (a second round while one runs, say). */
  heartbeat: { heartbeatNow(): Promise<void> };
  /**
   * Hold points inside the server, and its account of what it works on and waits for (`activity`, when it reports
   * one): what tells a call waiting on something held from one still on its way.
   */
  holds: { hold: World['hold']; readonly activity: World['activity'] };
  /** The server restarted on its store. */
  restart: { restartServer(): Promise<void> };
  /** Several replicas on one store: windows pick one with `world.window(name, { replica })`. */
  replicas: { readonly replicaCount: number };
  /** Heartbeat rounds of the server's own (in process, or declared): the black-box core awaits them, no power added. */
  rounds: Record<never, never>;
}

type AllPowers = 'hold' | 'activity' | 'heartbeatNow' | 'restartServer' | 'replicaCount';

/** What every server offers: windows, the simulator's levers, the history. */
export type BlackBoxWorld = Omit<World, AllPowers | 'server'>;

type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The world a scenario with these `needs` sees: the black-box core plus exactly the powers it named. */
export type WorldFor<N extends readonly Capability[]> = BlackBoxWorld & ([N[number]] extends [never] ? unknown : Intersect<Powers[N[number]]>);
