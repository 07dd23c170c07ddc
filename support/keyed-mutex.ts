/** One queue per key: work for one user runs one at a time, different users never wait for each other. */
export class KeyedMutex {
  #tails = new Map<string, Promise<void>>();

  /** `onWait` is called, at once, when someone else holds `key`: this work queues behind them. */
  async run<T>(key: string, work: () => Promise<T>, onWait?: () => void): Promise<T> {
    const held = this.#tails.get(key);
    if (held) onWait?.();
    const previous = held ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
