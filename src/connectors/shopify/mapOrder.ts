/**
 * Shopify order JSON (webhook or poll) → Ferry's canonical Order (DESIGN.md §3).
 */
import { FerryError } from '../../core/errors.js';
import { Order } from '../../core/model.js';
import type { Address, OrderLine, Party, ShippingLine } from '../../core/model.js';
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
 * Maps one Shopify order to the canonical Order.
 *
 * Lines keep `quantity` as ordered (not `current_quantity`): removals by edits and refunds reach
 * Ferry as their own events. Prices and discounts are shop money (the `*_set.shop_money` twin when
 * present), the currency Odoo books in.
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
  const candidate = {
    channel: options.channel,
    channelOrderId: String(o.id),
    ...(o.name ? { channelOrderName: o.name } : {}),
    ...(options.entity ? { entity: options.entity } : {}),
    currency: o.currency,
    taxesIncluded: o.taxes_included,
    customer: mapCustomer(o),
    lines: o.line_items.map((li, i) => mapLine(ctx, li, i)),
    shippingLines: o.shipping_lines.flatMap((s, i) => (s.is_removed ? [] : [mapShipping(ctx, s, i)])),
    financialStatus: o.financial_status && FINANCIAL.has(o.financial_status) ? o.financial_status : 'unknown',
    ...(o.note ? { note: o.note } : {}),
    createdAt: utc(o.created_at),
    updatedAt: utc(o.updated_at),
    ...(o.cancelled_at ? { cancelledAt: utc(o.cancelled_at) } : {}),
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

function mapLine(ctx: MappingContext, li: ShopifyLineItem, i: number): OrderLine {
  const path = ['line_items', i] as const;
  const sku = li.sku?.trim();
  return {
    lineId: String(li.id),
    ...(sku ? { sku } : {}),
    ...(li.variant_id != null ? { channelVariantId: String(li.variant_id) } : {}),
    ...(li.name || li.title ? { title: (li.name ?? li.title)! } : {}),
    quantity: li.quantity,
    unitPrice: ctx.money(li.price, li.price_set, [...path, 'price']),
    discount: lineDiscount(ctx, li, path),
    taxes: ctx.taxLines(li.tax_lines, [...path, 'tax_lines']),
  };
}

/** Allocations are the current contract; `total_discount` only when a payload has none at all. */
function lineDiscount(ctx: MappingContext, li: ShopifyLineItem, path: readonly PropertyKey[]) {
  if (li.discount_allocations.length > 0 || li.total_discount === undefined) {
    return ctx.discounts(li.discount_allocations, [...path, 'discount_allocations']);
  }
  return ctx.money(li.total_discount, undefined, [...path, 'total_discount']);
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
