/** Concurrency helpers: a counting semaphore per connection, and a mutex per document key. */
import type { Clock } from '../../core/clock.js';

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

/** How a write batch ended, for the adaptive limit: only conflicts and timeouts mean "too many". */
export type WriteSignal = 'ok' | 'conflict' | 'timeout' | 'other';

export interface AdaptiveLimitOptions {
  clock: Clock;
  /** Fewest and most write batches in flight at once. Default 1 and 4. */
  min?: number;
  max?: number;
  /** Where the limit starts. Default 1: the first batch measures the server alone. */
  initial?: number;
  /** Recent batches whose fastest time per record is the baseline. Default 16. */
  window?: number;
  /** A call's fixed cost in records, so that a small batch compares with a full one. Default 2. */
  overheadRecords?: number;
  /** Batches estimated waiting inside Odoo below which the limit grows, above which it shrinks. Default 0.5 and 1.5. */
  growBelow?: number;
  shrinkAbove?: number;
  /** Orders per write batch: the most, and the least a timeout halves it to. Default 25 and 5. */
  maxBatch?: number;
  minBatch?: number;
}

/** One finished write batch: its records, duration, the most batches in flight beside it and how it ended. */
export interface WriteSample {
  records: number;
  startedAt: number;
  ms: number;
  concurrent: number;
  signal: WriteSignal;
}

interface Running {
  peak: number;
}

/**
 * How many create-and-confirm batches Ferry sends Odoo at once, and how large they are, adapted
 * from what Odoo's answers show. A 2-core Odoo is CPU-bound (ODOO.md §7), and batches that confirm
 * together reserve stock on the same quants, so Odoo serializes them and retries with sleeps
 * (ODOO.md §3); four such batches made an `action_confirm` outlast a 30 s timeout. The estimate
 * follows TCP Vegas: with `c` batches in flight, a batch whose time per record is `t` against the
 * recent best `t0` saw about `c·(1 − t0/t)` batches queued in Odoo. Under `growBelow` the limit
 * grows by one per round of batches (only while it is used), over `shrinkAbove` it shrinks by one
 * per round, and a conflict or timeout halves it (a timeout halves the batch size too). One
 * decrease per round: batches that started before a change do not change it again.
 */
export class AdaptiveLimit {
  private limitF: number;
  private batch: number;
  private active = new Set<Running>();
  private readonly waiting: (() => void)[] = [];
  private readonly units: number[] = [];
  private changedAt = Number.NEGATIVE_INFINITY;
  private readonly o: Required<Omit<AdaptiveLimitOptions, 'clock'>>;

  constructor(private readonly opts: AdaptiveLimitOptions) {
    const min = Math.max(1, opts.min ?? 1);
    const max = Math.max(min, opts.max ?? 4);
    this.o = {
      min,
      max,
      initial: Math.min(max, Math.max(min, opts.initial ?? 1)),
      window: opts.window ?? 16,
      overheadRecords: opts.overheadRecords ?? 2,
      growBelow: opts.growBelow ?? 0.5,
      shrinkAbove: opts.shrinkAbove ?? 1.5,
      maxBatch: opts.maxBatch ?? 25,
      minBatch: Math.min(opts.minBatch ?? 5, opts.maxBatch ?? 25),
    };
    this.limitF = this.o.initial;
    this.batch = this.o.maxBatch;
  }

  /** Write batches allowed in flight now. */
  get limit(): number {
    return Math.floor(this.limitF);
  }

  /** Orders per write batch now. */
  get batchSize(): number {
    return this.batch;
  }

  get inFlight(): number {
    return this.active.size;
  }

  /**
   * Runs one write batch of `records` when a slot is free. `signalOf` classifies a failure; `fn`
   * may `note` a conflict or timeout it recovered from (an answer lost, then read back), which
   * counts as that signal although the batch succeeded.
   */
  async run<T>(
    records: number,
    fn: (note: (signal: WriteSignal) => void) => Promise<T>,
    signalOf: (e: unknown) => WriteSignal,
  ): Promise<T> {
    while (this.active.size >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    const me: Running = { peak: 0 };
    this.active.add(me);
    for (const r of this.active) r.peak = Math.max(r.peak, this.active.size);
    const startedAt = this.opts.clock.now();
    const sample = (signal: WriteSignal): WriteSample => ({
      records,
      startedAt,
      ms: this.opts.clock.now() - startedAt,
      concurrent: me.peak,
      signal,
    });
    let noted: WriteSignal = 'ok';
    const note = (signal: WriteSignal): void => {
      if (signal === 'timeout' || (signal === 'conflict' && noted !== 'timeout')) noted = signal;
    };
    try {
      const value = await fn(note);
      this.observe(sample(noted));
      return value;
    } catch (e) {
      this.observe(sample(signalOf(e)));
      throw e;
    } finally {
      this.active.delete(me);
      this.wake();
    }
  }

  /** Adapts the limit and batch size to one finished batch (run() calls it; public for tests). */
  observe(s: WriteSample): void {
    const stale = s.startedAt < this.changedAt;
    if (s.signal === 'conflict' || s.signal === 'timeout') {
      if (stale) return;
      this.limitF = Math.max(this.o.min, this.limitF / 2);
      if (s.signal === 'timeout') this.batch = Math.max(this.o.minBatch, Math.floor(this.batch / 2));
      this.changed();
      return;
    }
    if (s.signal !== 'ok' || s.records <= 0) return;
    this.batch = Math.min(this.o.maxBatch, this.batch + 1);
    const unit = s.ms / (s.records + this.o.overheadRecords);
    this.units.push(unit);
    if (this.units.length > this.o.window) this.units.shift();
    const best = Math.min(...this.units);
    const queued = unit > 0 ? s.concurrent * (1 - best / unit) : 0;
    const step = 1 / this.limit;
    if (queued > this.o.shrinkAbove && !stale) {
      this.limitF = Math.max(this.o.min, this.limitF - step);
      this.changed();
    } else if (queued < this.o.growBelow && s.concurrent >= this.limit) {
      this.limitF = Math.min(this.o.max, this.limitF + step);
      this.wake();
    }
  }

  private changed(): void {
    this.changedAt = this.opts.clock.now();
  }

  private wake(): void {
    while (this.waiting.length && this.active.size < this.limit) this.waiting.shift()?.();
  }
}
