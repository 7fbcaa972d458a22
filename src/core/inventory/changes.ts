/**
 * The values a recompute says to publish, held in parallel int32 arrays: a cold full resync of
 * 200,000 SKUs × 4 channels yields 800,000 of them, and an object each would cost ~80 MB.
 */
import { IntList } from './interner.js';

/** One value to publish. */
export interface AtpChange {
  readonly sku: string;
  readonly channel: string;
  /** Available-to-promise to publish, units (integer ≥ 0). */
  readonly value: number;
  /** Value last confirmed as published on the channel; `null` if never published. */
  readonly previous: number | null;
}

/** A batch of values to publish, readable as objects on demand. */
export class AtpChanges implements Iterable<AtpChange> {
  private readonly skus = new IntList();
  private readonly channels = new IntList();
  private readonly values = new IntList();
  private readonly previous = new IntList();

  /** @internal Called by the engine; `skuName` and `channelName` resolve indices to names. */
  constructor(
    private readonly skuName: (s: number) => string,
    private readonly channelName: (c: number) => string,
  ) {}

  /** @internal */
  push(sku: number, channel: number, value: number, previous: number): void {
    this.skus.push(sku);
    this.channels.push(channel);
    this.values.push(value);
    this.previous.push(previous);
  }

  /** Number of values to publish. */
  get size(): number {
    return this.skus.length;
  }

  /** The i-th change (0 ≤ i < size). */
  get(i: number): AtpChange {
    if (i < 0 || i >= this.size) throw new RangeError(`change ${i} out of range 0..${this.size - 1}`);
    const prev = this.previous.at(i);
    return {
      sku: this.skuName(this.skus.at(i)),
      channel: this.channelName(this.channels.at(i)),
      value: this.values.at(i),
      previous: prev < 0 ? null : prev,
    };
  }

  /** @internal Raw indices for the engine's confirm: [sku index, channel index, value]. */
  raw(i: number): [number, number, number] {
    return [this.skus.at(i), this.channels.at(i), this.values.at(i)];
  }

  *[Symbol.iterator](): Iterator<AtpChange> {
    for (let i = 0; i < this.size; i++) yield this.get(i);
  }

  /** The changes for one channel, for batching to that partner. */
  forChannel(channel: string): AtpChange[] {
    const out: AtpChange[] = [];
    for (let i = 0; i < this.size; i++) {
      if (this.channelName(this.channels.at(i)) === channel) out.push(this.get(i));
    }
    return out;
  }
}
