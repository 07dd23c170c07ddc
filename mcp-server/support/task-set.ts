/** Background work (login polling, trailing writes) that close() must wait for instead of leaving behind. */
export class TaskSet {
  #tasks = new Set<Promise<unknown>>();

  track<T>(task: Promise<T>): Promise<T> {
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.#tasks.add(settled);
    void settled.then(() => this.#tasks.delete(settled));
    return task;
  }

  get size(): number {
    return this.#tasks.size;
  }

  async settle(): Promise<void> {
    while (this.#tasks.size) await Promise.all(this.#tasks);
  }
}
