/**
 * Stock out: publishing available-to-promise to a channel. Items and locations are the channel's
 * own ids, which Ferry keeps as mappings and configuration and never interprets.
 */

/** One quantity to set, with the value Ferry believes the channel shows now. */
export interface StockQuantity {
  /** The channel's id of the item (a mapping of the SKU). */
  readonly item: string;
  readonly quantity: number;
  /** What Ferry last read or confirmed: a channel with compare-and-set refuses the write if it moved. */
  readonly expected: number;
}

/** One batch toward one location of the channel. */
export interface StockBatch {
  readonly location: string;
  readonly quantities: readonly StockQuantity[];
  /** One per batch sent: the same key returns the first result instead of applying again. */
  readonly idempotencyKey: string;
}

/**
 * `stale`: the channel's value moved since Ferry read it, and nothing of the batch was written;
 * `stale` lists the indexes (into `quantities`) that moved.
 */
export type StockPublishResult =
  { readonly status: 'applied' } | { readonly status: 'stale'; readonly stale: readonly number[] };

/** A write described, not sent: what shadow mode records. */
export interface DescribedWrite {
  readonly partner: string;
  readonly operation: string;
  readonly payload: unknown;
}

/** Where a channel's availability is published. */
export interface StockSink {
  /** Partner name in errors and shadow reports (`shopify:shop-eu`). */
  readonly partner: string;
  /** Whether `publish` honours `expected` (compare-and-set); without it the last write wins. */
  readonly compareAndSet: boolean;
  /** What each item shows at the location; `null` for an item not stocked there. */
  available(location: string, items: readonly string[]): Promise<Map<string, number | null>>;
  publish(batch: StockBatch): Promise<StockPublishResult>;
  /** The write `publish` would send for this batch, for shadow mode's report. */
  describe(batch: StockBatch): DescribedWrite;
}
