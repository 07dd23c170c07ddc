import type { ActivityMeter } from './activity-meter.js';

/**
 * Named points where the server can be held, so a test or the runner forces an exact interleaving instead of
 * hoping for one (DESIGN: races are forced with gates, not sleeps). With no hold armed, passing costs one tick.
 */
export interface PauseInfo {
  userId?: string;
  sessionId?: string;
  trigger?: string;
  cycle?: number;
}

export type PausePointName =
  /** A refresh is about to send its refresh token to the provider. */
  | 'refresh.before-provider'
  /** A refresh got new tokens and is about to store them (torn writer: between its two writes). */
  | 'token-write'
  /** A heartbeat cycle is about to handle one user of its snapshot. */
  | 'heartbeat.user'
  /** A completed login or a resume is about to map its session to the user. */
  | 'activation'
  /** A logout has removed the user's tokens and is about to revoke at the provider. */
  | 'logout.before-revoke';

export interface PauseHold {
  /** Resolves when something reaches the point (and is now waiting there). */
  readonly reached: Promise<PauseInfo>;
  /** Lets the held party continue; safe to call more than once. */
  release(): void;
}

interface Armed {
  match?: (info: PauseInfo) => boolean;
  reach: (info: PauseInfo) => void;
  released: Promise<void>;
}

export class PausePoints {
  /** `activity`: a party held here is counted as waiting on a hold (what the harness awaits instead of a quiet period). */
  constructor(private readonly activity?: Pick<ActivityMeter, 'wait'>) {}

  #armed = new Map<PausePointName, Armed[]>();
  #releases = new Set<() => void>();

  /** Holds the next pass of `point` (matching `match`, if given). One hold catches one pass. */
  hold(point: PausePointName, match?: (info: PauseInfo) => boolean): PauseHold {
    let reach!: (info: PauseInfo) => void;
    let release!: () => void;
    const reached = new Promise<PauseInfo>((r) => (reach = r));
    const released = new Promise<void>((r) => (release = r));
    this.#releases.add(release);
    const list = this.#armed.get(point) ?? [];
    list.push({ ...(match ? { match } : {}), reach, released });
    this.#armed.set(point, list);
    return {
      reached,
      release: () => {
        this.#releases.delete(release);
        release();
      },
    };
  }

  async pass(point: PausePointName, info: PauseInfo): Promise<void> {
    const list = this.#armed.get(point);
    const index = list?.findIndex((a) => !a.match || a.match(info)) ?? -1;
    if (!list || index < 0) return;
    const [armed] = list.splice(index, 1);
    armed!.reach(info);
    await (this.activity ? this.activity.wait('hold', armed!.released) : armed!.released);
  }

  /** Lets everything go (server close must never hang on a forgotten hold). */
  releaseAll(): void {
    for (const release of this.#releases) release();
    this.#releases.clear();
    this.#armed.clear();
  }
}
