/**
 * Wire shapes of Ferry's JSON WMS contract (PROTOCOLS.md §4: "create outbound order (idempotent by
 * our order reference) → shipment events (carton, tracking, shipped qty per line) → inventory
 * snapshot → inbound receipts"), validated with zod at the boundary so drift fails loudly.
 */
import { z } from 'zod';

export const WmsAddress = z.object({
  name: z.string().optional(),
  company: z.string().optional(),
  address1: z.string().optional(),
  address2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

/** `POST /v1/orders` body; `reference` is unique per account (the idempotency key). */
export const WmsOrderInput = z.object({
  reference: z.string().min(1),
  recipient: WmsAddress,
  lines: z
    .array(z.object({ line_id: z.string(), sku: z.string().min(1), quantity: z.number().int().positive() }))
    .min(1),
  carrier: z.string().optional(),
  service: z.string().optional(),
});
export type WmsOrderInput = z.infer<typeof WmsOrderInput>;

export const WmsOrderStatus = z.enum(['received', 'picking', 'partially_shipped', 'shipped', 'cancelled']);

export const WmsOrder = z.object({
  id: z.string(),
  reference: z.string(),
  status: WmsOrderStatus,
  created_at: z.string(),
});
export type WmsOrder = z.infer<typeof WmsOrder>;

export const WmsShipmentLine = z.object({
  sku: z.string().min(1),
  ordered: z.number().int().nonnegative(),
  shipped: z.number().int().nonnegative(),
  /**
   * `complete`; `backordered` (the rest follows); `closed` (shipped short, the rest is written off
   * and no backorder wanted, as X12 W12 `CP`); `cancelled` (the warehouse cancelled the rest, as
   * X12 `IC`/`DS`: Ferry settles it by its `cancelledRest` rule).
   */
  status: z.enum(['complete', 'backordered', 'closed', 'cancelled']),
});

export const WmsShipment = z.object({
  shipment_id: z.string().min(1),
  order_reference: z.string().min(1),
  shipped_at: z.iso.datetime({ offset: true }),
  carrier: z.string().optional(),
  service: z.string().optional(),
  tracking_url: z.string().optional(),
  packages: z
    .array(
      z.object({
        package_id: z.string().min(1),
        tracking_number: z.string().optional(),
        weight_grams: z.number().int().nonnegative().optional(),
        lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
      }),
    )
    .default([]),
  lines: z.array(WmsShipmentLine).min(1),
});
export type WmsShipment = z.infer<typeof WmsShipment>;

export const WmsInventory = z.object({
  snapshot_id: z.string().min(1),
  location: z.string().min(1),
  as_of: z.iso.datetime({ offset: true }),
  items: z.array(
    z.object({
      sku: z.string().min(1),
      on_hand: z.number().int(),
      available: z.number().int(),
    }),
  ),
});
export type WmsInventory = z.infer<typeof WmsInventory>;

export const WmsReceipt = z.object({
  receipt_id: z.string().min(1),
  reference: z.string().optional(),
  is_return: z.boolean().default(false),
  received_at: z.iso.datetime({ offset: true }),
  lines: z.array(
    z.object({
      sku: z.string(),
      quantity: z.number().int().nonnegative(),
      damaged: z.number().int().nonnegative().default(0),
    }),
  ),
});
export type WmsReceipt = z.infer<typeof WmsReceipt>;

export const WmsCancellation = z.object({
  order_reference: z.string().min(1),
  reason: z.string().optional(),
});

/** Every event, as pushed by webhook and as listed by `GET /v1/events`. */
export const WmsEvent = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('shipment.created'),
    occurred_at: z.string(),
    data: WmsShipment,
  }),
  z.object({
    id: z.string(),
    type: z.literal('inventory.snapshot'),
    occurred_at: z.string(),
    data: WmsInventory,
  }),
  z.object({ id: z.string(), type: z.literal('receipt.created'), occurred_at: z.string(), data: WmsReceipt }),
  z.object({
    id: z.string(),
    type: z.literal('order.cancelled'),
    occurred_at: z.string(),
    data: WmsCancellation,
  }),
]);
export type WmsEvent = z.infer<typeof WmsEvent>;
export type WmsEventType = WmsEvent['type'];

export const WmsEventPage = z.object({ events: z.array(z.unknown()), next_cursor: z.string().nullable() });

/** Signature headers (HMAC-SHA256 over `<timestamp>.<raw body>`, base64). */
export const WMS_HEADERS = {
  eventId: 'x-wms-event-id',
  timestamp: 'x-wms-timestamp',
  signature: 'x-wms-signature',
  topic: 'x-wms-topic',
} as const;
