import type { Clock } from '../../core/clock.js';
import type { OdooRoundTrips, OdooSales } from '../../connectors/odoo/index.js';
import type { ChannelBinding, ChannelRegistry } from '../../core/channel/index.js';
import type { Order } from '../../core/model.js';
import type { Queue } from '../../engine/index.js';
import type { NewJob } from '../../store/index.js';

/** What the stock rule does with lines the available-to-promise cannot cover. */
export type StockRule = 'backorder' | 'reject';

/** Intake rules of one channel (DESIGN.md §5; configurable per channel). */
export interface ChannelRules {
  /** Currencies accepted from this channel. */
  currencies: string[];
  /** Lines not covered by available-to-promise: accept as backorder, or reject the order. */
  stock: StockRule;
  /** Largest allowed difference from Odoo's price, in percent; null accepts the channel's price. */
  priceTolerancePct: number | null;
  /** Test orders: never sent to Odoo (`ignore`), or accepted but never released. Default accept-no-release. */
  test?: 'ignore' | 'accept-no-release';
  /** Holds before release: unpaid orders, high-risk orders. */
  holds?: { unpaid: boolean; highRisk: boolean };
}

/**
 * A configured sales channel as the flows see it: its rules, its poll schedule and its port (the
 * roles it plays, core/channel). Nothing of the channel's wire format.
 */
export interface ChannelRuntime extends ChannelBinding {
  /** The channel kind as configured (`shopify`…). */
  kind: string;
  rules: ChannelRules;
  pollEveryMinutes: number;
  /** How far back each poll reaches before its cursor, so a late write is never missed. Default 2 min. */
  pollOverlapMs: number;
}

/** Units short per SKU for an order, or none; the inventory module implements it. */
export interface StockGuard {
  reserve(
    channel: string,
    orderRef: string,
    lines: { sku: string; qty: number }[],
  ): { sku: string; short: number }[];
  release(orderRef: string): void;
  /**
   * The job that publishes what reserve and release changed (none when nothing did), for the
   * caller to enqueue in the transaction that records the order's new state: the trigger commits
   * with the change that causes it. One job per burst, whoever enqueues it.
   */
  publishJob(): NewJob | undefined;
}

/** Price lookup for the price-tolerance rule: Odoo's price per SKU, in minor units. */
export interface PriceSource {
  /** Prices of the products the order's Odoo company books (`order` names its channel and entity). */
  prices(
    skus: string[],
    currency: string,
    order?: Pick<Order, 'channel' | 'entity'>,
  ): Promise<Map<string, number>>;
}

/** What intake asks of Odoo: sale orders, and the round trips their creation took. */
export type IntakeOdoo = OdooSales & Pick<OdooRoundTrips, 'measure'>;

export interface IntakeDeps {
  odoo: IntakeOdoo;
  /** The configured channels by id: their rules and their ports. */
  channels: ChannelRegistry<ChannelRuntime>;
  queue: Queue;
  clock: Clock;
  stock?: StockGuard;
  prices?: PriceSource;
  /** Asks the warehouses an order was released to, to cancel it (the fulfilment flow supplies it). */
  cancelAtWarehouse?: (ref: string, reason: string) => Promise<void>;
  /** Shadow mode per flow and channel (operators' settings, config defaults); default never. */
  shadow?: (flow: string, channel: string) => Promise<boolean>;
  /**
   * The inventory job that re-reads and republishes the SKUs a cancellation gave back (issue 6),
   * enqueued with it; none when inventory is off.
   */
  stockMoved?: (skus: readonly string[], reason: 'cancel', ref: string) => NewJob | undefined;
  /** Told the Odoo requests that creating and confirming `orders` orders took (the round-trip metric). */
  onOdooRoundTrips?: (roundTrips: number, orders: number) => void;
}

/** This flow's name in shadow settings (`PUT /shadow/order-intake/<channel>`). */
export const ORDER_INTAKE_FLOW = 'order-intake';

export const INTAKE_LANE = 'intake';
export const ORDERS_LANE = 'orders';

/** Ferry's reference of a channel order; the idempotency key toward warehouses. */
export function orderRef(channel: string, channelOrderId: string): string {
  return `${channel}-${channelOrderId}`;
}

export function orderingKey(ref: string): string {
  return `order:${ref}`;
}
