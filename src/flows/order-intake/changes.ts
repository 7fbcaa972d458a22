import type { Order } from '../../core/model.js';

/** Fields a channel may change on an order, and those it may not once Odoo accepted it. */
export const CHANNEL_EDITABLE = ['shippingAddress', 'billingAddress', 'note', 'email', 'phone'] as const;
export const ODOO_OWNED = ['lines', 'prices', 'currency', 'shippingLines'] as const;

export type OrderField = (typeof CHANNEL_EDITABLE)[number] | (typeof ODOO_OWNED)[number] | 'financialStatus';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which fields differ between two versions of one order. */
export function changedFields(before: Order, after: Order): OrderField[] {
  const out: OrderField[] = [];
  if (!same(before.customer.shippingAddress, after.customer.shippingAddress)) out.push('shippingAddress');
  if (!same(before.customer.billingAddress, after.customer.billingAddress)) out.push('billingAddress');
  if (!same(before.note, after.note)) out.push('note');
  if (!same(before.customer.email, after.customer.email)) out.push('email');
  if (!same(before.customer.phone, after.customer.phone)) out.push('phone');
  const lineKey = (o: Order) => o.lines.map((l) => [l.lineId, l.sku, l.channelVariantId, l.quantity]);
  if (!same(lineKey(before), lineKey(after))) out.push('lines');
  const priceKey = (o: Order) => o.lines.map((l) => [l.unitPrice, l.discount, l.taxes]);
  if (!same(priceKey(before), priceKey(after))) out.push('prices');
  if (before.currency !== after.currency) out.push('currency');
  if (!same(before.shippingLines, after.shippingLines)) out.push('shippingLines');
  if (before.financialStatus !== after.financialStatus) out.push('financialStatus');
  return out;
}
