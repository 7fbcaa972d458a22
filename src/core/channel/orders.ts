/**
 * Orders in: the roles a sales channel plays toward Ferry's intake. A channel that sends orders
 * (webhooks, EDI 850 files) is an `OrderSource`; one Ferry can also read back since a cursor (the
 * reconciliation poll that makes a lost webhook cost minutes, never an order) is an `OrderFeed`.
 */
import type { Order } from '../model.js';

/** A channel message turned into the canonical order. */
export interface NormalisedOrder {
  readonly order: Order;
  /**
   * Paths where the payload differs from the channel's pinned API version (schema drift,
   * DESIGN.md §7); empty when none. Reported with the message, never a reason to refuse it.
   */
  readonly drift: readonly string[];
}

/** Turns a stored raw message of the channel into the canonical order. */
export interface OrderSource {
  /**
   * @param body the message exactly as stored in the inbox (UTF-8 text)
   * @throws FerryError `payload_invalid` naming every bad field
   */
  normalise(body: string): NormalisedOrder;
}

/** One order read back from the channel, in the form its `OrderSource` normalises. */
export interface PolledOrder {
  readonly channelOrderId: string;
  /** The order's version at the channel (e.g. its update time); with the id, the inbox dedupe key. */
  readonly version: string;
  /** The message to store, as the channel's `OrderSource.normalise` takes it. */
  readonly body: string;
}

/** One page of a poll. */
export interface OrderPage {
  readonly orders: readonly PolledOrder[];
  /** Opaque to Ferry (stored as is); `null` when the channel gave none. */
  readonly nextCursor: string | null;
  /** True when the channel has more past this page: the poll continues at once. */
  readonly hasMore: boolean;
}

/** Reads the orders changed since a cursor. */
export interface OrderFeed {
  /**
   * @param cursor what the previous page returned as `nextCursor`; `null` on the first poll
   * @param options.overlapMs re-read this far before the cursor, so a late write is never missed
   */
  ordersSince(cursor: string | null, options: { overlapMs: number }): Promise<OrderPage>;
}
