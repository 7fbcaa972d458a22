/**
 * Ferry's canonical model (DESIGN.md §3): one set of types, validated at every boundary,
 * independent of any partner. Connectors map to and from these; flows know nothing else.
 */
import { z } from 'zod';
import { CurrencyCode, Money } from './money.js';

/** A cross-reference to a record in one system: `shopify:order:5512345`, `odoo:sale.order:42`. */
export const ExternalRef = z.object({
  system: z.string().min(1),
  kind: z.string().min(1),
  id: z.string().min(1),
});
export type ExternalRef = z.infer<typeof ExternalRef>;

export function refKey(ref: ExternalRef): string {
  return `${ref.system}:${ref.kind}:${ref.id}`;
}

export const Address = z.object({
  name: z.string().optional(),
  company: z.string().optional(),
  street: z.string().optional(),
  street2: z.string().optional(),
  city: z.string().optional(),
  zip: z.string().optional(),
  /** ISO 3166-1 alpha-2. */
  countryCode: z.string().length(2).optional(),
  /** Subdivision code (state/province), e.g. "CA". */
  stateCode: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const Party = z.object({
  /** Customer id in the channel (Shopify customer id, EDI trading partner id). */
  channelCustomerId: z.string().optional(),
  name: z.string().min(1),
  email: z.string().optional(),
  phone: z.string().optional(),
  vat: z.string().optional(),
  isCompany: z.boolean().default(false),
  /** For a business customer: the person who placed the order (Odoo: a contact of the company). */
  contact: z
    .object({ name: z.string().min(1), email: z.string().optional(), phone: z.string().optional() })
    .optional(),
  billingAddress: Address.optional(),
  shippingAddress: Address.optional(),
});
export type Party = z.infer<typeof Party>;

export const TaxLine = z.object({
  /** Partner's tax title ("VAT 20%", "CA State Tax"). */
  title: z.string(),
  /** Rate as a decimal string, e.g. "0.2"; kept as text to avoid float drift. */
  rate: z.string(),
  /** The tax on what the customer owes now (the line's current quantity). */
  amount: Money,
});
export type TaxLine = z.infer<typeof TaxLine>;

/**
 * What a line is: a catalogue `product` (the only kind a warehouse ships), a `custom` item typed in
 * by the merchant, a `gift_card`, or a `tip`. Only products resolve to an Odoo product by SKU; the
 * other kinds map to configured service products.
 */
export const LineKind = z.enum(['product', 'custom', 'gift_card', 'tip']);
export type LineKind = z.infer<typeof LineKind>;

/** Ferry's SKU for a line, resolved once at acceptance and used by every later step. */
export const LineResolution = z.object({
  /** The SKU Odoo and the warehouses know (after the channel's SKU mapping). */
  sku: z.string().min(1),
  /** Id of the mapping version that gave it, when a mapping did. */
  mappingVersion: z.number().int().positive().optional(),
});
export type LineResolution = z.infer<typeof LineResolution>;

export const OrderLine = z.object({
  /** Stable line id in the channel. */
  lineId: z.string().min(1),
  sku: z.string().optional(),
  /** Channel variant/product id, the fallback when the SKU is empty. */
  channelVariantId: z.string().optional(),
  title: z.string().optional(),
  kind: LineKind.default('product'),
  /** False for what is never shipped (digital goods, services); such lines are never released. */
  requiresShipping: z.boolean().default(true),
  /** Units as ordered, before edits and refunds. */
  orderedQuantity: z.number().int().nonnegative().optional(),
  /** Units the customer owes now (after edits and refunds); 0 for a removed line. */
  quantity: z.number().int().nonnegative(),
  /** Units still to fulfil (not yet fulfilled); never more than `quantity`. */
  fulfillableQuantity: z.number().int().nonnegative().optional(),
  unitPrice: Money,
  /** Total discount on the current units, ≥ 0 (line- and order-level allocations). */
  discount: Money,
  taxes: z.array(TaxLine).default([]),
  /** Line properties the customer entered (engraving text ...), in the channel's order. */
  properties: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  resolved: LineResolution.optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const ShippingLine = z.object({
  code: z.string().optional(),
  title: z.string(),
  price: Money,
  discount: Money,
  taxes: z.array(TaxLine).default([]),
});
export type ShippingLine = z.infer<typeof ShippingLine>;

export const FinancialStatus = z.enum([
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'unknown',
]);

/** A business order's commercial terms (Shopify B2B, EDI). */
export const B2BTerms = z.object({
  /** The buying company's id in the channel. */
  companyId: z.string().min(1),
  companyName: z.string().optional(),
  /** The company location the order ships to. */
  locationId: z.string().optional(),
  /** The buyer's purchase-order number; Odoo's `client_order_ref`. */
  poNumber: z.string().optional(),
  /** Payment terms by name ("Net 30"), mapped to an Odoo payment term by configuration. */
  paymentTerms: z
    .object({ name: z.string().min(1), type: z.string().optional(), dueInDays: z.number().int().optional() })
    .optional(),
});
export type B2BTerms = z.infer<typeof B2BTerms>;

/** Order totals in shop currency; `current` is what the customer owes after edits and refunds. */
export const OrderTotals = z.object({
  placed: Money,
  current: Money,
});

export const Order = z.object({
  /** Channel id as configured (`shopify-eu`). */
  channel: z.string().min(1),
  /** The order's id in the channel. */
  channelOrderId: z.string().min(1),
  /** Human order name/number in the channel ("#1001"). */
  channelOrderName: z.string().optional(),
  /** Legal entity / Odoo company key, when the channel serves several. */
  entity: z.string().optional(),
  /** Shop currency: every amount of the order is in it. */
  currency: CurrencyCode,
  taxesIncluded: z.boolean(),
  /** The order is tax exempt (every line is booked without tax). */
  taxExempt: z.boolean().default(false),
  /** A test order of the channel (Shopify `test: true`); the channel's `test` rule decides. */
  test: z.boolean().default(false),
  customer: Party,
  b2b: B2BTerms.optional(),
  lines: z.array(OrderLine).min(1),
  shippingLines: z.array(ShippingLine).default([]),
  totals: OrderTotals.optional(),
  /** The customer's currency and totals in it, kept for reference; Odoo books shop currency. */
  presentment: z
    .object({ currency: CurrencyCode, placed: Money.optional(), current: Money.optional() })
    .optional(),
  financialStatus: FinancialStatus.default('unknown'),
  /** The channel's fraud risk assessment, when it gives one. */
  riskLevel: z.enum(['low', 'medium', 'high']).optional(),
  note: z.string().optional(),
  requestedWarehouse: z.string().optional(),
  /** When the channel created the order (UTC ISO-8601). */
  createdAt: z.iso.datetime({ offset: true }),
  /** The channel's version of the order; stale events carry an older one. */
  updatedAt: z.iso.datetime({ offset: true }),
  cancelledAt: z.iso.datetime({ offset: true }).optional(),
  /** Why the channel cancelled it (Shopify: customer, fraud, inventory, declined, staff, other). */
  cancelReason: z.string().optional(),
  refs: z.array(ExternalRef).default([]),
});
export type Order = z.infer<typeof Order>;

export const InventoryPosition = z.object({
  sku: z.string().min(1),
  location: z.string().min(1),
  onHand: z.number().int(),
  reserved: z.number().int().nonnegative(),
  available: z.number().int(),
  asOf: z.iso.datetime({ offset: true }),
  /** System that owns the position (`odoo`, `wms:<id>`). */
  source: z.string().min(1),
});
export type InventoryPosition = z.infer<typeof InventoryPosition>;

export const FulfilmentLine = z.object({
  lineId: z.string().min(1),
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
  /** The warehouse's own item number for `sku`, when a `sku` mapping in the warehouse's scope gives one. */
  warehouseItem: z.string().min(1).optional(),
  /** Id of the mapping version that gave `warehouseItem` (every processed record names the version used). */
  mappingVersion: z.number().int().positive().optional(),
});

export const FulfilmentRequest = z.object({
  /** Ferry's order reference, the idempotency key toward the warehouse. */
  orderRef: z.string().min(1),
  warehouse: z.string().min(1),
  shipTo: Address,
  lines: z.array(FulfilmentLine).min(1),
  carrier: z.string().optional(),
  service: z.string().optional(),
  requestedShipDate: z.string().optional(),
});
export type FulfilmentRequest = z.infer<typeof FulfilmentRequest>;

export const Package = z.object({
  /** SSCC-18 or carton id. */
  id: z.string().min(1),
  trackingNumber: z.string().optional(),
  weightGrams: z.number().int().nonnegative().optional(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).default([]),
});

export const Shipment = z.object({
  /** Warehouse's shipment id; the dedupe key of a shipment. */
  shipmentId: z.string().min(1),
  orderRef: z.string().min(1),
  warehouse: z.string().min(1),
  lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().nonnegative() })).min(1),
  carrier: z.string().optional(),
  trackingNumbers: z.array(z.string()).default([]),
  trackingUrl: z.string().optional(),
  packages: z.array(Package).default([]),
  shippedAt: z.iso.datetime({ offset: true }),
});
export type Shipment = z.infer<typeof Shipment>;

export const Cancellation = z.object({
  orderRef: z.string().min(1),
  source: z.string().min(1),
  reason: z.string().optional(),
  at: z.iso.datetime({ offset: true }),
});
export type Cancellation = z.infer<typeof Cancellation>;
