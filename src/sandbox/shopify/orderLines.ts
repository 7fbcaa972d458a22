/**
 * Lines, shipping, taxes and totals of generated orders, in integer minor units so the totals add
 * up exactly as Shopify's do.
 */
import { formatMinor, parseDecimalToMinor } from '../../core/money.js';
import type { CatalogueItem } from './orderGenerator.js';
import type { LineItemJson, MoneySetJson, ShippingLineJson, TaxLineJson } from './orderTypes.js';

/** Tax of a generated order: one rate for lines and shipping, added on top or included. */
export type TaxSpec = { title: string; rate: number; included: boolean };

/** A line of `qty` units with `pct` percent off through the order's discount code. */
export function lineItem(
  id: number,
  item: CatalogueItem,
  qty: number,
  currency: string,
  tax: TaxSpec,
  pct: number,
): LineItemJson {
  const unit = parseDecimalToMinor(item.price, currency);
  const discount = Math.round((unit * qty * pct) / 100);
  const net = unit * qty - discount;
  const discounts =
    discount > 0
      ? [
          {
            amount: fmt(discount, currency),
            amount_set: set(discount, currency),
            discount_application_index: 0,
          },
        ]
      : [];
  return {
    id,
    admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
    variant_id: item.variantId,
    product_id: item.productId ?? null,
    sku: item.sku,
    name: item.title,
    title: item.title,
    variant_title: null,
    quantity: qty,
    current_quantity: qty,
    fulfillable_quantity: qty,
    fulfillment_status: null,
    price: item.price,
    price_set: set(unit, currency),
    total_discount: '0.00',
    taxable: true,
    requires_shipping: true,
    grams: item.grams ?? 500,
    tax_lines: [taxLine(net, currency, tax)],
    discount_allocations: discounts,
  };
}

/** The order's shipping line, taxed at the order's rate. */
export function shippingLine(
  id: number,
  s: { title: string; code: string; price: string },
  currency: string,
  tax: TaxSpec,
): ShippingLineJson {
  const price = parseDecimalToMinor(s.price, currency);
  return {
    id: 9_000_000 + id,
    title: s.title,
    code: s.code,
    source: 'shopify',
    price: s.price,
    price_set: set(price, currency),
    discounted_price: s.price,
    tax_lines: [taxLine(price, currency, tax)],
    discount_allocations: [],
    is_removed: false,
  };
}

function taxLine(netMinor: number, currency: string, tax: TaxSpec): TaxLineJson {
  // Included: the tax inside a gross amount is net − net/(1+rate) (VAT arithmetic).
  const amount = tax.included
    ? Math.round(netMinor - netMinor / (1 + tax.rate))
    : Math.round(netMinor * tax.rate);
  return {
    title: tax.title,
    rate: tax.rate,
    price: fmt(amount, currency),
    price_set: set(amount, currency),
    channel_liable: false,
  };
}

/** The order-level tax line: Σ of line and shipping taxes. */
export function sumTaxLines(lines: readonly TaxLineJson[], currency: string): TaxLineJson[] {
  if (lines.length === 0) return [];
  const total = lines.reduce((s, t) => s + parseDecimalToMinor(t.price, currency), 0);
  return [{ ...lines[0]!, price: fmt(total, currency), price_set: set(total, currency) }];
}

/** The order's price fields, consistent with its lines. */
export function totals(
  lines: readonly LineItemJson[],
  shipping: readonly ShippingLineJson[],
  currency: string,
  included: boolean,
) {
  const m = (s: string) => parseDecimalToMinor(s, currency);
  const gross = lines.reduce((s, l) => s + m(l.price) * l.quantity, 0);
  const discounts = lines.reduce(
    (s, l) => s + l.discount_allocations.reduce((d, a) => d + m(a.amount), 0),
    0,
  );
  const ship = shipping.reduce((s, l) => s + m(l.price), 0);
  const tax = [...lines, ...shipping].reduce(
    (s, l) => s + l.tax_lines.reduce((t, x) => t + m(x.price), 0),
    0,
  );
  const total = gross - discounts + ship + (included ? 0 : tax);
  return {
    subtotal_price: fmt(gross - discounts, currency),
    total_price: fmt(total, currency),
    total_tax: fmt(tax, currency),
    total_discounts: fmt(discounts, currency),
    total_line_items_price: fmt(gross, currency),
    total_shipping_price_set: set(ship, currency),
  };
}

function fmt(minor: number, currency: string): string {
  return formatMinor(minor, currency);
}

function set(minor: number, currency: string): MoneySetJson {
  const amount = fmt(minor, currency);
  return {
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  };
}
