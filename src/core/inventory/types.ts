/** Request and result shapes of the inventory engine's public operations. */
import type { FerryError } from '../errors.js';
import type { InventoryPosition } from '../model.js';

/** A line of an order to hold in flight or check against available-to-promise. */
export interface OrderLineQty {
  readonly sku: string;
  /** Units ordered, integer > 0. */
  readonly qty: number;
  /** Location Odoo will reserve from, when known (a requested warehouse); otherwise any. */
  readonly location?: string;
}

/** An order arriving at intake, checked against available-to-promise before it is accepted. */
export interface ReserveRequest {
  readonly channel: string;
  /** Ferry's order reference: holding the same order twice returns the first result. */
  readonly orderId: string;
  readonly lines: readonly OrderLineQty[];
}

/** What the guard decided for one line. */
export interface ReserveLineResult {
  readonly sku: string;
  readonly requested: number;
  /** Units accepted as in stock and now held in flight. */
  readonly inStock: number;
  /** Units not available; the caller backorders or rejects them by its rule. */
  readonly short: number;
  /** The channel's available-to-promise for the SKU just before this line. */
  readonly atpBefore: number;
}

/** What the guard decided for an order. */
export interface ReserveResult {
  readonly orderId: string;
  readonly channel: string;
  readonly lines: readonly ReserveLineResult[];
  /** True when every line is fully in stock. */
  readonly allInStock: boolean;
  /** True when this order was already held: the first decision is returned, nothing held twice. */
  readonly duplicate: boolean;
}

/** Totals of a batch of positions applied. */
export interface PositionBatchResult {
  /** Positions stored that moved on hand or reserved. */
  readonly changed: number;
  /** Positions stored that moved nothing (a re-read). */
  readonly unchanged: number;
  /** Positions older than the one held, ignored. */
  readonly stale: number;
  /** Positions refused (ownership, unknown location, malformed), each with its error. */
  readonly refused: readonly { readonly position: InventoryPosition; readonly error: FerryError }[];
}
