/**
 * The last `limit` items of an append-only log (the simulator's ledger, the server's event log): older items are
 * dropped in batches of a tenth, so appending stays O(1) amortised and memory stays bounded under a long storm.
 */
export class BoundedLog<T> {
  #items: T[] = [];

  constructor(readonly limit = Infinity) {}

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.limit + Math.ceil(this.limit / 10)) this.#items.splice(0, this.#items.length - this.limit);
  }

  /** The items kept, oldest first (a live view: copy it before keeping it). */
  get items(): readonly T[] {
    return this.#items;
  }

  clear(): void {
    this.#items = [];
  }
}
