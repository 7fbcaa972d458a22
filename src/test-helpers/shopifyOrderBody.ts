/**
 * Shopify `orders/*` webhook bodies written from Shopify's documented REST order shape
 * (PROTOCOLS.md §1.3): money as strings with `*_set` twins, tax lines per line item with rate and
 * amount, discount allocations, current and fulfillable quantities, refunds with refund line items.
 * Amounts follow Shopify's arithmetic: a tax line is rate × the line's discounted price rounded to
 * the cent (extracted from the price when taxes are included); current totals are over the units
 * the customer still owes, discounts and taxes prorated to them.
 */
import { prorate } from '../core/orderMath.js';

export interface LineSpec {
  id: number | string;
  sku?: string;
  variantId?: number | string | null;
  productId?: number | string | null;
  title: string;
  /** Unit price in minor units. */
  price: number;
  quantity: number;
  currentQuantity?: number;
  fulfillableQuantity?: number;
  /** Discount allocations in minor units. */
  discounts?: number[];
  /** Tax titles and rates; none = a line Shopify does not tax. */
  taxes?: { title: string; rate: number }[];
  giftCard?: boolean;
  requiresShipping?: boolean;
  properties?: { name: string; value: string }[];
}

export interface ShippingSpec {
  title: string;
  code?: string;
  price: number;
  discount?: number;
  taxes?: { title: string; rate: number }[];
}

export interface OrderSpec {
  /** A JSON number literal in the body; give a string of digits for ids above 2^53. */
  id: number | string;
  currency?: string;
  presentmentCurrency?: string;
  /** Presentment amount = shop amount × this rate. */
  presentmentRate?: number;
  taxesIncluded?: boolean;
  taxExempt?: boolean;
  financialStatus?: string;
  test?: boolean;
  note?: string;
  customer?: Record<string, unknown> | null;
  shippingAddress?: Record<string, unknown> | null;
  billingAddress?: Record<string, unknown> | null;
  lines: LineSpec[];
  shipping?: ShippingSpec[];
  refunds?: { lineId: number | string; quantity: number }[];
  b2b?: { companyId: number; locationId: number; poNumber: string; terms: string; dueInDays: number };
  updatedAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
}

const fmt = (minor: number) => (minor / 100).toFixed(2);

function moneySet(minor: number, s: OrderSpec) {
  const pc = s.presentmentCurrency ?? s.currency ?? 'USD';
  const p = Math.round(minor * (s.presentmentRate ?? 1));
  return {
    shop_money: { amount: fmt(minor), currency_code: s.currency ?? 'USD' },
    presentment_money: { amount: fmt(p), currency_code: pc },
  };
}

function taxAmount(net: number, rate: number, included: boolean): number {
  return included ? net - Math.round(net / (1 + rate)) : Math.round(net * rate);
}

const DEFAULT_ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  name: 'Ada Lovelace',
  company: null,
  address1: '1 Analytical Way',
  address2: null,
  city: 'Albany',
  province: 'New York',
  province_code: 'NY',
  zip: '12207',
  country: 'United States',
  country_code: 'US',
  phone: '+15555550100',
};

/** Totals and JSON of one order, and the raw body with ids written as JSON numbers. */
export function shopifyOrderBody(s: OrderSpec): { body: string; currentTotal: number; placedTotal: number } {
  const included = s.taxesIncluded ?? false;
  let placed = 0;
  let current = 0;
  const refunded = new Map<string, number>();
  for (const r of s.refunds ?? [])
    refunded.set(String(r.lineId), (refunded.get(String(r.lineId)) ?? 0) + r.quantity);
  const lineItems = s.lines.map((l) => {
    const disc = (l.discounts ?? []).reduce((a, d) => a + d, 0);
    const net = l.price * l.quantity - disc;
    const taxLines = (l.taxes ?? []).map((t) => ({ ...t, amount: taxAmount(net, t.rate, included) }));
    const tax = taxLines.reduce((a, t) => a + t.amount, 0);
    const cur = l.currentQuantity ?? l.quantity - (refunded.get(String(l.id)) ?? 0);
    placed += net + (included ? 0 : tax);
    const curNet = l.price * cur - prorate(disc, cur, l.quantity);
    const curTax = taxLines.reduce((a, t) => a + prorate(t.amount, cur, l.quantity), 0);
    current += curNet + (included ? 0 : curTax);
    return {
      id: `@@${l.id}@@`,
      admin_graphql_api_id: `gid://shopify/LineItem/${l.id}`,
      variant_id: l.variantId === undefined ? Number(l.id) + 1000 : l.variantId,
      product_id: l.productId === undefined ? Number(l.id) + 2000 : l.productId,
      sku: l.sku ?? '',
      name: l.title,
      title: l.title,
      variant_title: null,
      vendor: 'Ferry Test Goods',
      quantity: l.quantity,
      current_quantity: cur,
      fulfillable_quantity: l.fulfillableQuantity ?? cur,
      fulfillment_status: null,
      fulfillment_service: 'manual',
      price: fmt(l.price),
      price_set: moneySet(l.price, s),
      total_discount: '0.00',
      taxable: (l.taxes ?? []).length > 0,
      requires_shipping: l.requiresShipping ?? !l.giftCard,
      gift_card: l.giftCard ?? false,
      grams: 500,
      properties: l.properties ?? [],
      tax_lines: taxLines.map((t) => ({
        title: t.title,
        rate: t.rate,
        price: fmt(t.amount),
        price_set: moneySet(t.amount, s),
        channel_liable: false,
      })),
      discount_allocations: (l.discounts ?? []).map((d) => ({
        amount: fmt(d),
        amount_set: moneySet(d, s),
        discount_application_index: 0,
      })),
      duties: [],
    };
  });
  const shippingLines = (s.shipping ?? []).map((sh, i) => {
    const net = sh.price - (sh.discount ?? 0);
    const taxLines = (sh.taxes ?? []).map((t) => ({ ...t, amount: taxAmount(net, t.rate, included) }));
    const tax = taxLines.reduce((a, t) => a + t.amount, 0);
    placed += net + (included ? 0 : tax);
    current += net + (included ? 0 : tax);
    return {
      id: 9000 + i,
      title: sh.title,
      code: sh.code ?? sh.title,
      source: 'shopify',
      price: fmt(sh.price),
      price_set: moneySet(sh.price, s),
      discounted_price: fmt(net),
      tax_lines: taxLines.map((t) => ({
        title: t.title,
        rate: t.rate,
        price: fmt(t.amount),
        price_set: moneySet(t.amount, s),
      })),
      discount_allocations: sh.discount
        ? [{ amount: fmt(sh.discount), amount_set: moneySet(sh.discount, s), discount_application_index: 1 }]
        : [],
      is_removed: false,
    };
  });
  const address = s.shippingAddress === undefined ? DEFAULT_ADDRESS : s.shippingAddress;
  const json = {
    id: `@@${s.id}@@`,
    admin_graphql_api_id: `gid://shopify/Order/${s.id}`,
    name: `#${String(s.id).slice(-6)}`,
    order_number: 1001,
    email: 'ada@example.com',
    phone: null,
    created_at: '2026-03-01T10:00:00-05:00',
    updated_at: s.updatedAt ?? '2026-03-01T10:00:05-05:00',
    processed_at: '2026-03-01T10:00:00-05:00',
    cancelled_at: s.cancelledAt ?? null,
    cancel_reason: s.cancelReason ?? null,
    closed_at: null,
    currency: s.currency ?? 'USD',
    presentment_currency: s.presentmentCurrency ?? s.currency ?? 'USD',
    taxes_included: included,
    tax_exempt: s.taxExempt ?? false,
    financial_status: s.financialStatus ?? 'paid',
    fulfillment_status: null,
    source_name: 'web',
    tags: '',
    test: s.test ?? false,
    note: s.note ?? null,
    note_attributes: [],
    total_price: fmt(placed),
    total_price_set: moneySet(placed, s),
    current_total_price: fmt(current),
    current_total_price_set: moneySet(current, s),
    customer:
      s.customer === undefined
        ? {
            id: 7001,
            email: 'ada@example.com',
            first_name: 'Ada',
            last_name: 'Lovelace',
            phone: null,
            tax_exempt: false,
          }
        : s.customer,
    billing_address: s.billingAddress === undefined ? address : s.billingAddress,
    shipping_address: address,
    line_items: lineItems,
    shipping_lines: shippingLines,
    tax_lines: [],
    discount_codes: [],
    discount_applications: [],
    fulfillments: [],
    refunds: (s.refunds ?? []).map((r, i) => ({
      id: 8000 + i,
      order_id: `@@${s.id}@@`,
      created_at: '2026-03-01T11:00:00-05:00',
      note: null,
      restock: true,
      refund_line_items: [
        { id: 8100 + i, line_item_id: `@@${r.lineId}@@`, quantity: r.quantity, restock_type: 'cancel' },
      ],
      transactions: [],
      order_adjustments: [],
    })),
    payment_gateway_names: ['shopify_payments'],
    ...(s.b2b
      ? {
          company: { id: s.b2b.companyId, location_id: s.b2b.locationId },
          po_number: s.b2b.poNumber,
          payment_terms: {
            id: 501,
            payment_terms_name: s.b2b.terms,
            payment_terms_type: 'NET',
            due_in_days: s.b2b.dueInDays,
            payment_schedules: [],
          },
        }
      : {}),
  };
  // Ids go out as JSON numbers, exactly as written (above 2^53 too), as Shopify sends them.
  const body = JSON.stringify(json).replace(/"@@(\d+)@@"/g, '$1');
  return { body, currentTotal: current, placedTotal: placed };
}
