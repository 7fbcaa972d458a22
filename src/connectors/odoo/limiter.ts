/** Concurrency helpers: a counting semaphore per connection, and a mutex per document key. */

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Serialises work per key (one sale order, one picking). Concurrent confirms of one order fail in
 * Odoo with misleading errors (ODOO.md §3), so actions on one document never overlap.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort(); // one global order, so two batches cannot deadlock
    const releases: (() => void)[] = [];
    for (const key of sorted) {
      const prev = this.tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const tail = prev.then(() => mine);
      this.tails.set(key, tail);
      releases.push(() => {
        release();
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
      await prev;
    }
    try {
      return await fn();
    } finally {
      for (const r of releases) r();
    }
  }
}
