/**
 * What an order is worth and what of it is still open, from the canonical model alone: exact
 * integer minor units, no floating point.
 */
import type { Order, OrderLine } from './model.js';

/**
 * Splits `total` minor units over `weights` in proportion, exactly: each share is rounded down and
 * the cents left over go one each to the largest remainders (earliest first on ties), so the
 * shares always add up to `total`.
 */
export function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const shares = raw.map((r) => Math.floor(r));
  let left = total - shares.reduce((a, s) => a + s, 0);
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}

/**
 * The part of `amount` (spread evenly over `of` units) that `kept` units carry, rounded half up to
 * a whole minor unit; the units removed carry exactly the rest, so the two parts always add up to
 * the whole and neither is off by more than half a cent (10.00 over 3 units: 6.67 kept, 3.33 gone).
 */
export function prorate(amount: number, kept: number, of: number): number {
  if (of <= 0 || kept >= of) return amount;
  if (kept <= 0) return 0;
  const sign = amount < 0 ? -1 : 1;
  return sign * Math.floor((2 * Math.abs(amount) * kept + of) / (2 * of));
}

/** Net amount of a line for its current units: price × quantity − discount. */
export function lineNet(l: OrderLine): number {
  return l.unitPrice.amountMinor * l.quantity - l.discount.amountMinor;
}

export function lineTax(l: { taxes: readonly { amount: { amountMinor: number } }[] }): number {
  return l.taxes.reduce((a, t) => a + t.amount.amountMinor, 0);
}

/**
 * What the customer owes now, from the lines, shipping and taxes (taxes added on top unless the
 * prices include them). The channel's own current total is `order.totals.current`.
 */
export function computedCurrentTotal(order: Order): number {
  const taxOnTop = (t: number) => (order.taxesIncluded ? 0 : t);
  let total = 0;
  for (const l of order.lines) total += lineNet(l) + taxOnTop(lineTax(l));
  for (const s of order.shippingLines)
    total += s.price.amountMinor - s.discount.amountMinor + taxOnTop(lineTax(s));
  return total;
}

/** The line ships from a warehouse: a catalogue product that needs shipping. */
export function isShippable(l: OrderLine): boolean {
  return l.kind === 'product' && l.requiresShipping;
}

/** Units of a line still to fulfil: never more than the customer owes now. */
export function openQuantity(l: OrderLine): number {
  return Math.min(l.quantity, l.fulfillableQuantity ?? l.quantity);
}

/** The SKU Odoo and warehouses know for a line: resolved at acceptance, else the channel's. */
export function resolvedSku(l: OrderLine): string | undefined {
  return l.resolved?.sku ?? l.sku;
}

/** Shippable lines with units still open, for a warehouse release. */
export function openShippableLines(order: Order): { line: OrderLine; quantity: number }[] {
  return order.lines.flatMap((line) => {
    const quantity = isShippable(line) ? openQuantity(line) : 0;
    return quantity > 0 ? [{ line, quantity }] : [];
  });
}
