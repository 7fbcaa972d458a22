/**
 * Shopify order JSON (webhook or poll) → Ferry's canonical Order (DESIGN.md §3).
 */
import { FerryError } from '../../core/errors.js';
import { parseDecimalToMinor } from '../../core/money.js';
import { Order } from '../../core/model.js';
import type { Address, B2BTerms, LineKind, OrderLine, Party, ShippingLine } from '../../core/model.js';
import { prorate } from '../../core/orderMath.js';
import { MappingContext } from './mapMoney.js';
import type { PayloadIssue } from './mapMoney.js';
import { ShopifyOrder, formatPath } from './payload.js';
import type { ShopifyAddress, ShopifyLineItem, ShopifyShippingLine } from './payload.js';

export interface MapShopifyOrderOptions {
  /** Ferry channel id as configured (`shopify-eu`). */
  channel: string;
  /** Legal entity / Odoo company key when the channel serves several. */
  entity?: string;
}

/** Financial statuses the canonical model knows; anything newer maps to `unknown`. */
const FINANCIAL = new Set([
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
]);

/**
 * Maps one Shopify order to the canonical Order: what the customer owes now.
 *
 * Each line keeps its ordered `quantity` as `orderedQuantity`; `quantity` is the current one after
 * edits and refunds (`current_quantity`, else ordered minus `refund_line_items`), and
 * `fulfillableQuantity` what is still to ship. Discounts and taxes are Shopify's allocations for
 * the ordered units, prorated to the current ones (`prorate`: to the nearest cent, the units removed
 * taking exactly the rest). Prices and discounts are shop money (the `*_set.shop_money` twin when present), the
 * currency Odoo books in; presentment totals are kept alongside.
 *
 * @throws FerryError `payload_invalid` naming every bad field (`line_items[2].price: not a decimal amount`).
 */
export function mapShopifyOrder(json: unknown, options: MapShopifyOrderOptions): Order {
  const parsed = ShopifyOrder.safeParse(json);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
      json,
    );
  }
  const o = parsed.data;
  const ctx = new MappingContext(o.currency);
  const refunded = refundedUnits(o);
  const b2b = mapB2B(o);
  const candidate = {
    channel: options.channel,
    channelOrderId: String(o.id),
    ...(o.name ? { channelOrderName: o.name } : {}),
    ...(options.entity ? { entity: options.entity } : {}),
    currency: o.currency,
    taxesIncluded: o.taxes_included,
    taxExempt: Boolean(o.tax_exempt || o.customer?.tax_exempt),
    test: o.test === true,
    customer: mapCustomer(o),
    ...(b2b ? { b2b } : {}),
    lines: o.line_items.map((li, i) => mapLine(ctx, li, i, refunded.get(String(li.id)) ?? 0)),
    shippingLines: o.shipping_lines.flatMap((s, i) => (s.is_removed ? [] : [mapShipping(ctx, s, i)])),
    ...mapTotals(ctx, o),
    financialStatus: o.financial_status && FINANCIAL.has(o.financial_status) ? o.financial_status : 'unknown',
    ...riskOf(o),
    ...(o.note ? { note: o.note } : {}),
    createdAt: utc(o.created_at),
    updatedAt: utc(o.updated_at),
    ...(o.cancelled_at ? { cancelledAt: utc(o.cancelled_at) } : {}),
    ...(o.cancel_reason ? { cancelReason: o.cancel_reason } : {}),
    refs: [{ system: 'shopify', kind: 'order', id: String(o.id) }],
  };
  if (ctx.issues.length > 0) throw invalid(ctx.issues, json);
  const checked = Order.safeParse(candidate);
  if (!checked.success) {
    throw invalid(
      checked.error.issues.map((i) => ({ path: `canonical ${formatPath(i.path)}`, message: i.message })),
      json,
    );
  }
  return checked.data;
}

const LEVELS = ['low', 'medium', 'high'] as const;
/** enums/OrderRiskRecommendationResult: what Shopify advises when no assessment gives a level. */
const BY_RECOMMENDATION: Record<string, (typeof LEVELS)[number]> = {
  CANCEL: 'high',
  INVESTIGATE: 'medium',
  ACCEPT: 'low',
};

/**
 * The order's risk level: the most severe assessment (enums/RiskAssessmentResult HIGH, MEDIUM, LOW;
 * NONE and PENDING give none), else the recommendation's. Shopify's admin favours the most severe
 * assessment too. Absent when the payload has no risk (every REST webhook).
 */
function riskOf(o: ShopifyOrder): { riskLevel?: (typeof LEVELS)[number] } {
  if (!o.risk) return {};
  let level = -1;
  for (const a of o.risk.assessments)
    level = Math.max(level, LEVELS.indexOf(a.riskLevel.toLowerCase() as (typeof LEVELS)[number]));
  if (level >= 0) return { riskLevel: LEVELS[level]! };
  const byRecommendation = BY_RECOMMENDATION[o.risk.recommendation ?? ''];
  return byRecommendation ? { riskLevel: byRecommendation } : {};
}

/** Units refunded per line item id, over all refunds. */
function refundedUnits(o: ShopifyOrder): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of o.refunds)
    for (const rli of r.refund_line_items) {
      const k = String(rli.line_item_id);
      out.set(k, (out.get(k) ?? 0) + rli.quantity);
    }
  return out;
}

function mapTotals(ctx: MappingContext, o: ShopifyOrder) {
  if (o.total_price == null) return {};
  const placed = ctx.money(o.total_price, o.total_price_set ?? undefined, ['total_price']);
  const current =
    o.current_total_price == null
      ? placed
      : ctx.money(o.current_total_price, o.current_total_price_set ?? undefined, ['current_total_price']);
  const pc = o.presentment_currency;
  const presentment =
    pc && pc !== o.currency
      ? {
          currency: pc,
          ...presentmentMoney(o.total_price_set?.presentment_money, pc, 'placed'),
          ...presentmentMoney(o.current_total_price_set?.presentment_money, pc, 'current'),
        }
      : undefined;
  return { totals: { placed, current }, ...(presentment ? { presentment } : {}) };
}

function presentmentMoney(
  m: { amount: string | number; currency_code: string } | undefined,
  currency: string,
  key: 'placed' | 'current',
) {
  if (!m || m.currency_code !== currency) return {};
  try {
    return { [key]: { amountMinor: parseDecimalToMinor(m.amount, currency), currency } };
  } catch {
    return {};
  }
}

function lineKind(li: ShopifyLineItem): LineKind {
  if (li.gift_card) return 'gift_card';
  if (li.product_id == null && li.variant_id == null) {
    // Shopify books tips as a line item without product, titled "Tip" (POS and checkout tipping).
    return /^tip$/i.test((li.title ?? li.name ?? '').trim()) ? 'tip' : 'custom';
  }
  return 'product';
}

function mapLine(ctx: MappingContext, li: ShopifyLineItem, i: number, refunded: number): OrderLine {
  const path = ['line_items', i] as const;
  const sku = li.sku?.trim();
  const ordered = li.quantity;
  const current = li.current_quantity ?? Math.max(0, ordered - refunded);
  const fulfillable = Math.min(current, li.fulfillable_quantity ?? current);
  const kind = lineKind(li);
  const discount = lineDiscount(ctx, li, path);
  const taxes = ctx.taxLines(li.tax_lines, [...path, 'tax_lines']).map((t) => ({
    ...t,
    amount: { ...t.amount, amountMinor: prorate(t.amount.amountMinor, current, ordered) },
  }));
  return {
    lineId: String(li.id),
    ...(sku ? { sku } : {}),
    ...(li.variant_id != null ? { channelVariantId: String(li.variant_id) } : {}),
    ...(li.name || li.title ? { title: (li.name ?? li.title)! } : {}),
    kind,
    requiresShipping: kind === 'gift_card' || kind === 'tip' ? false : li.requires_shipping !== false,
    orderedQuantity: ordered,
    quantity: current,
    fulfillableQuantity: fulfillable,
    unitPrice: ctx.money(li.price, li.price_set, [...path, 'price']),
    discount: { ...discount, amountMinor: prorate(discount.amountMinor, current, ordered) },
    taxes,
    properties: (li.properties ?? []).map((p) => ({
      name: p.name,
      value: p.value == null ? '' : String(p.value),
    })),
  };
}

/** Allocations are the current contract; `total_discount` only when a payload has none at all. */
function lineDiscount(ctx: MappingContext, li: ShopifyLineItem, path: readonly PropertyKey[]) {
  if (li.discount_allocations.length > 0 || li.total_discount === undefined) {
    return ctx.discounts(li.discount_allocations, [...path, 'discount_allocations']);
  }
  return ctx.money(li.total_discount, undefined, [...path, 'total_discount']);
}

function mapB2B(o: ShopifyOrder): B2BTerms | undefined {
  if (!o.company) return undefined;
  const name = o.billing_address?.company?.trim() || o.shipping_address?.company?.trim();
  const terms = o.payment_terms;
  return {
    companyId: String(o.company.id),
    ...(name ? { companyName: name } : {}),
    ...(o.company.location_id != null ? { locationId: String(o.company.location_id) } : {}),
    ...(o.po_number?.trim() ? { poNumber: o.po_number.trim() } : {}),
    ...(terms?.payment_terms_name
      ? {
          paymentTerms: {
            name: terms.payment_terms_name,
            ...(terms.payment_terms_type ? { type: terms.payment_terms_type } : {}),
            ...(terms.due_in_days != null ? { dueInDays: terms.due_in_days } : {}),
          },
        }
      : {}),
  };
}

function mapShipping(ctx: MappingContext, s: ShopifyShippingLine, i: number): ShippingLine {
  const path = ['shipping_lines', i] as const;
  return {
    ...(s.code ? { code: s.code } : {}),
    title: s.title,
    price: ctx.money(s.price, s.price_set, [...path, 'price']),
    discount: ctx.discounts(s.discount_allocations, [...path, 'discount_allocations']),
    taxes: ctx.taxLines(s.tax_lines, [...path, 'tax_lines']),
  };
}

function mapCustomer(o: ShopifyOrder): Party {
  const c = o.customer;
  const billing = mapAddress(o.billing_address);
  const shipping = mapAddress(o.shipping_address);
  const email = c?.email ?? o.email ?? undefined;
  const phone = c?.phone ?? o.phone ?? undefined;
  const personName = [c?.first_name, c?.last_name].filter(Boolean).join(' ');
  const name = personName || billing?.name || shipping?.name || email || `Shopify order ${o.name ?? o.id}`;
  if (o.company) {
    // Shopify B2B: the company buys, the customer is its buyer, the location is where it ships.
    const company =
      o.billing_address?.company?.trim() || o.shipping_address?.company?.trim() || `Company ${o.company.id}`;
    return {
      channelCustomerId: `company:${String(o.company.id)}`,
      name: company,
      isCompany: true,
      contact: { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      ...(billing ? { billingAddress: billing } : {}),
      ...(shipping ? { shippingAddress: shipping } : {}),
    };
  }
  return {
    ...(c ? { channelCustomerId: String(c.id) } : {}),
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    // A company on the billing address is the signal Shopify gives for a business buyer;
    // the intake flow's B2B/B2C rule decides what to do with it.
    isCompany: Boolean(o.billing_address?.company?.trim()),
    ...(billing ? { billingAddress: billing } : {}),
    ...(shipping ? { shippingAddress: shipping } : {}),
  };
}

function mapAddress(a: ShopifyAddress | null | undefined): Address | undefined {
  if (!a) return undefined;
  const name = a.name?.trim() || [a.first_name, a.last_name].filter(Boolean).join(' ');
  const fields: Address = {
    name: name || undefined,
    company: a.company?.trim() || undefined,
    street: a.address1?.trim() || undefined,
    street2: a.address2?.trim() || undefined,
    city: a.city?.trim() || undefined,
    zip: a.zip?.trim() || undefined,
    countryCode: a.country_code?.trim().toUpperCase() || undefined,
    stateCode: a.province_code?.trim() || undefined,
    phone: a.phone?.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function utc(ts: string): string {
  return new Date(Date.parse(ts)).toISOString();
}

function invalid(issues: PayloadIssue[], json: unknown): FerryError {
  const id = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).id : undefined;
  const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
  return new FerryError('payload_invalid', `Shopify order: ${shown.join('; ')}${more}`, {
    partner: 'shopify',
    details: { issues },
    ...(typeof id === 'number' || typeof id === 'string' ? { entities: { shopifyOrderId: String(id) } } : {}),
  });
}
