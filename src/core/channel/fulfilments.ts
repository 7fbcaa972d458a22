/**
 * Fulfilments out: telling the channel what shipped, holding what will not ship, cancelling an
 * order on the channel. Each is its own role, so a channel implements only what it has (an EDI
 * customer takes an 856 per shipment and has no holds).
 */

/** Tracking of one shipment as the channel shows it to the customer. */
export interface FulfilmentTracking {
  readonly company?: string;
  readonly numbers?: readonly string[];
  readonly urls?: readonly string[];
}

/** One shipment to confirm on the channel. */
export interface FulfilmentInput {
  readonly orderRef: string;
  readonly channelOrderId: string;
  readonly shipmentId: string;
  /** Units shipped per SKU (Ferry's resolved SKU). */
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly tracking: FulfilmentTracking;
  readonly notifyCustomer: boolean;
  /**
   * What an earlier attempt of this shipment saved with `saveCheckpoint`; `null` on the first.
   * A channel without idempotency keys uses it to tell a lost answer from a call never made.
   */
  readonly checkpoint: unknown;
  /** Stores a checkpoint durably before calls that cannot be repeated safely. */
  saveCheckpoint(checkpoint: unknown): Promise<void>;
}

/** What confirming a shipment did. */
export type FulfilmentOutcome =
  | { readonly kind: 'created'; readonly fulfilmentIds: readonly string[] }
  /** An earlier attempt's calls had all landed: nothing sent now. */
  | { readonly kind: 'landed-earlier' }
  /** The channel had nothing open for these lines (fulfilled elsewhere, or by hand). */
  | { readonly kind: 'nothing-open'; readonly reason: string };

/** Confirms shipments on the channel. */
export interface FulfilmentSink {
  createFulfilment(input: FulfilmentInput): Promise<FulfilmentOutcome>;
}

/** Puts what is still open of an order on hold, telling the merchant why. */
export interface FulfilmentHolds {
  /**
   * @param input.handle who holds (a stable name, so the hold can be released by the same holder)
   * @returns the channel's ids of what was held; empty when nothing was open
   */
  holdOpen(input: {
    readonly channelOrderId: string;
    readonly note: string;
    readonly handle: string;
  }): Promise<readonly string[]>;
}

/** Why Ferry cancels an order on the channel. */
export const ChannelCancelReason = { inventory: 'inventory' } as const;
export type ChannelCancelReason = (typeof ChannelCancelReason)[keyof typeof ChannelCancelReason];

/** Cancels orders on the channel. */
export interface OrderCancels {
  cancelOrder(input: {
    readonly channelOrderId: string;
    readonly reason: ChannelCancelReason;
    /** Put the units back into the channel's stock. */
    readonly restock: boolean;
    readonly notifyCustomer: boolean;
    /** Shown to the merchant, never to the customer. */
    readonly staffNote: string;
  }): Promise<void>;
}
