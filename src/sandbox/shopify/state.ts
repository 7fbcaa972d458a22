/**
 * The simulated shop's data: orders (REST JSON), fulfillment orders and fulfillments, inventory
 * levels, idempotency results and asynchronous jobs. Tests inspect it directly.
 */
import type { OrderJson } from './orderTypes.js';

export interface FulfillmentOrderLineRecord {
  id: string;
  lineItemId: string;
  sku: string | null;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentHoldRecord {
  id: string;
  handle: string | null;
  reason: string;
  reasonNotes: string | null;
  notifyMerchant: boolean;
}

export interface FulfillmentOrderRecord {
  id: string;
  orderId: string;
  /** OPEN, IN_PROGRESS, ON_HOLD, CLOSED, CANCELLED. */
  status: string;
  locationId: string;
  lines: FulfillmentOrderLineRecord[];
  /** Holds applied with fulfillmentOrderHold (absent until the first). */
  holds?: FulfillmentHoldRecord[];
}

export interface TrackingInfoInput {
  company?: string;
  number?: string;
  numbers?: string[];
  url?: string;
  urls?: string[];
}

export interface FulfillmentRecord {
  id: string;
  orderId: string;
  status: 'SUCCESS';
  lines: { fulfillmentOrderId: string; fulfillmentOrderLineItemId: string; quantity: number }[];
  trackingInfo: TrackingInfoInput;
  notifyCustomer: boolean;
  message: string | null;
  createdAt: string;
}

export interface InventoryLevelRecord {
  inventoryItemId: string;
  locationId: string;
  sku: string | null;
  quantities: { available: number; on_hand: number };
}

/**
 * One idempotency key's first use (docs/api/usage/implementing-idempotency): its arguments'
 * fingerprint, and the answer to replay once it is done.
 */
export interface IdempotencyRecord {
  fingerprint: string;
  status: 'done' | 'in-progress' | 'failed';
  answer?: unknown;
}

/** objects/OrderRiskSummary of one order, as Admin GraphQL shows it (the REST webhook has none). */
export interface OrderRiskRecord {
  /** enums/OrderRiskRecommendationResult: ACCEPT, CANCEL, INVESTIGATE, NONE. */
  recommendation: string;
  /** enums/RiskAssessmentResult per assessment: HIGH, MEDIUM, LOW, NONE, PENDING. */
  assessments: { riskLevel: string }[];
}

export class SimState {
  readonly orders = new Map<string, OrderJson>();
  /** Risk assessments by order id (Shopify's or an app's); an order without one shows NONE. */
  readonly risks = new Map<string, OrderRiskRecord>();
  readonly fulfillmentOrders = new Map<string, FulfillmentOrderRecord>();
  readonly fulfillments: FulfillmentRecord[] = [];
  readonly inventory = new Map<string, InventoryLevelRecord>();
  /** `@idempotent` key → what the first request with it did (tests may plant in-progress or failed ones). */
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly jobs = new Map<string, { id: string; done: boolean }>();
  /**
   * Inventory items an answer cannot resolve any more (deleted right after the change): their
   * InventoryChange.item is null, which objects/InventoryChange allows.
   */
  readonly unresolvableItems = new Set<string>();
  private seq = 1000;

  constructor(private readonly defaultLocationId: string) {}

  nextId(): number {
    return ++this.seq;
  }

  /** Stores (or replaces) an order; a new order gets one open fulfillment order at the default location. */
  putOrder(order: OrderJson): void {
    const id = String(order.id);
    const isNew = !this.orders.has(id);
    this.orders.set(id, order);
    if (!isNew) return;
    const foId = `gid://shopify/FulfillmentOrder/${this.nextId()}`;
    this.fulfillmentOrders.set(foId, {
      id: foId,
      orderId: id,
      status: 'OPEN',
      locationId: this.defaultLocationId,
      lines: order.line_items.map((li) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${this.nextId()}`,
        lineItemId: `gid://shopify/LineItem/${li.id}`,
        sku: li.sku === '' ? null : li.sku,
        totalQuantity: li.quantity,
        remainingQuantity: li.quantity,
      })),
    });
  }

  /**
   * Re-plans an unfulfilled order's fulfillment orders as Shopify's order routing would: one per
   * location, each line going to `locationOf(line)`. Replaces the order's open fulfillment orders.
   */
  routeOrder(orderId: string, locationOf: (line: FulfillmentOrderLineRecord, index: number) => string): void {
    const lines = this.fulfillmentOrdersOf(orderId).flatMap((fo) => {
      this.fulfillmentOrders.delete(fo.id);
      return fo.lines;
    });
    const byLocation = new Map<string, FulfillmentOrderLineRecord[]>();
    lines.forEach((l, i) => {
      const loc = locationOf(l, i);
      byLocation.set(loc, [...(byLocation.get(loc) ?? []), l]);
    });
    for (const [locationId, foLines] of byLocation) {
      const id = `gid://shopify/FulfillmentOrder/${this.nextId()}`;
      this.fulfillmentOrders.set(id, { id, orderId, status: 'OPEN', locationId, lines: foLines });
    }
  }

  fulfillmentOrdersOf(orderId: string): FulfillmentOrderRecord[] {
    return [...this.fulfillmentOrders.values()].filter((fo) => fo.orderId === orderId);
  }

  /** Sets an inventory level (creating it): the item becomes stocked at the location. */
  setInventory(
    inventoryItemId: string,
    locationId: string,
    available: number,
    onHand = available,
    sku: string | null = null,
  ): void {
    this.inventory.set(levelKey(inventoryItemId, locationId), {
      inventoryItemId,
      locationId,
      sku,
      quantities: { available, on_hand: onHand },
    });
  }

  level(inventoryItemId: string, locationId: string): InventoryLevelRecord | undefined {
    return this.inventory.get(levelKey(inventoryItemId, locationId));
  }
}

function levelKey(item: string, location: string): string {
  return `${item}|${location}`;
}
