/**
 * The order JSON of `orders/*` webhooks (REST resource shape, API 2026-04; PROTOCOLS.md §1.3):
 * the fields Ferry uses, typed; everything else passes through untouched.
 */
import { z } from 'zod';

/** Shopify ids are JSON numbers (int64); strings are accepted from converters that kept them exact. */
const Id = z.union([
  z.number().int().nonnegative().refine(Number.isSafeInteger, {
    message: 'id above 2^53 lost precision in JSON.parse; keep Shopify ids as strings',
  }),
  z.string().regex(/^\d+$/, 'not a numeric id'),
]);

/** Money arrives as strings ("49.00"); numbers are tolerated and parsed exactly later. */
export const Decimal = z.union([
  z.string().regex(/^[+-]?\d+(\.\d+)?$/, 'not a decimal amount'),
  z.number().refine(Number.isFinite, 'not a decimal amount'),
]);

const MoneyBag = z.looseObject({
  shop_money: z.looseObject({ amount: Decimal, currency_code: z.string() }),
  presentment_money: z.looseObject({ amount: Decimal, currency_code: z.string() }).optional(),
});

/** `created_at` style timestamps: ISO-8601 with an offset ("2026-03-01T10:00:00-05:00"). */
const Timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');

export const ShopifyTaxLine = z.looseObject({
  title: z.string(),
  /** Decimal fraction, e.g. 0.2 for 20%. */
  rate: z.union([z.number(), z.string()]),
  price: Decimal,
  price_set: MoneyBag.optional(),
  channel_liable: z.boolean().nullish(),
});

export const ShopifyDiscountAllocation = z.looseObject({
  amount: Decimal,
  amount_set: MoneyBag.optional(),
  discount_application_index: z.number().int().optional(),
});

export const ShopifyLineItem = z.looseObject({
  id: Id,
  admin_graphql_api_id: z.string().optional(),
  variant_id: Id.nullish(),
  product_id: Id.nullish(),
  /** May be null or the empty string: then the variant id identifies the product. */
  sku: z.string().nullish(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  variant_title: z.string().nullish(),
  quantity: z.number().int().positive(),
  /** Units after edits and refunds (Shopify computes it); absent on old payloads. */
  current_quantity: z.number().int().nonnegative().optional(),
  /** Units not yet fulfilled (fulfilment orders' remaining quantity). */
  fulfillable_quantity: z.number().int().nonnegative().nullish(),
  requires_shipping: z.boolean().nullish(),
  gift_card: z.boolean().nullish(),
  /** Customer-entered line properties; Shopify sends values as strings (numbers tolerated). */
  properties: z
    .array(
      z.looseObject({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() }),
    )
    .nullish(),
  price: Decimal,
  price_set: MoneyBag.optional(),
  total_discount: Decimal.optional(),
  tax_lines: z.array(ShopifyTaxLine).default([]),
  discount_allocations: z.array(ShopifyDiscountAllocation).default([]),
});
export type ShopifyLineItem = z.infer<typeof ShopifyLineItem>;

export const ShopifyShippingLine = z.looseObject({
  id: Id.optional(),
  title: z.string(),
  code: z.string().nullish(),
  price: Decimal,
  price_set: MoneyBag.optional(),
  tax_lines: z.array(ShopifyTaxLine).default([]),
  discount_allocations: z.array(ShopifyDiscountAllocation).default([]),
  is_removed: z.boolean().optional(),
});
export type ShopifyShippingLine = z.infer<typeof ShopifyShippingLine>;

export const ShopifyAddress = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  province_code: z.string().nullish(),
  zip: z.string().nullish(),
  country: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
});
export type ShopifyAddress = z.infer<typeof ShopifyAddress>;

export const ShopifyCustomer = z.looseObject({
  id: Id,
  tax_exempt: z.boolean().nullish(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone: z.string().nullish(),
});

const RefundLineItem = z.looseObject({
  line_item_id: Id,
  quantity: z.number().int().nonnegative(),
});

const Refund = z.looseObject({
  id: Id.optional(),
  refund_line_items: z.array(RefundLineItem).default([]),
});

/** Shopify B2B: the purchasing company and its location (ids only in REST). */
const Company = z.looseObject({ id: Id, location_id: Id.nullish() });

const PaymentTerms = z.looseObject({
  payment_terms_name: z.string().nullish(),
  payment_terms_type: z.string().nullish(),
  due_in_days: z.number().int().nullish(),
});

/**
 * Shopify's risk summary (Admin GraphQL objects/OrderRiskSummary). Not in the REST webhook: only an
 * order read by the poll carries it, under this key.
 */
const Risk = z.looseObject({
  recommendation: z.string().nullish(),
  assessments: z.array(z.looseObject({ riskLevel: z.string() })).default([]),
});

/** The subset of the order resource Ferry reads; unknown fields are kept (`looseObject`). */
export const ShopifyOrder = z.looseObject({
  id: Id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string().optional(),
  order_number: z.number().int().optional(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  created_at: Timestamp,
  updated_at: Timestamp,
  processed_at: Timestamp.nullish(),
  cancelled_at: Timestamp.nullish(),
  cancel_reason: z.string().nullish(),
  closed_at: Timestamp.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code'),
  presentment_currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code')
    .nullish(),
  total_price: Decimal.nullish(),
  total_price_set: MoneyBag.nullish(),
  current_total_price: Decimal.nullish(),
  current_total_price_set: MoneyBag.nullish(),
  tax_exempt: z.boolean().nullish(),
  po_number: z.string().nullish(),
  company: Company.nullish(),
  payment_terms: PaymentTerms.nullish(),
  refunds: z.array(Refund).default([]),
  risk: Risk.nullish(),
  taxes_included: z.boolean(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  note: z.string().nullish(),
  test: z.boolean().optional(),
  customer: ShopifyCustomer.nullish(),
  billing_address: ShopifyAddress.nullish(),
  shipping_address: ShopifyAddress.nullish(),
  line_items: z.array(ShopifyLineItem).min(1, 'an order needs at least one line item'),
  shipping_lines: z.array(ShopifyShippingLine).default([]),
  tax_lines: z.array(ShopifyTaxLine).default([]),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;
/** The order JSON as Shopify sends it (what the simulator and generator produce). */
export type ShopifyOrderInput = z.input<typeof ShopifyOrder>;

/** Formats a zod path the way people read JSON: `line_items[2].price`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}
