/**
 * An order edited in the channel after acceptance, before release: quantities go down on the
 * confirmed Odoo order (a removed line becomes quantity 0: Odoo refuses to delete lines of a
 * confirmed order, ODOO.md §2 "You can not delete ... a confirmed sales order"), with each line's
 * discount recomputed for its remaining units. The first Odoo lines answer the channel's lines one
 * to one (order-vals.ts sends them first, in the channel's order), so no other key is needed.
 */
import { FerryError } from '../../../core/errors.js';
import type { Order } from '../../../core/model.js';
import type { Ops } from './context.js';
import { exactDiscountPct } from './order-vals.js';

interface LineRow {
  id: number;
  product_uom_qty: number;
  discount: number;
}

/** Writes the current quantities; returns how many Odoo lines changed. */
export async function updateOrderQuantities(
  ops: Ops,
  odooId: number,
  order: Order,
): Promise<{ changed: number }> {
  return ops.mutex.run([`sale.order:${order.channel}:${order.channelOrderId}`], async () => {
    const [so] = await ops.conn.call<{ id: number; order_line: number[]; state: string }[]>(
      'sale.order',
      'read',
      {
        ids: [odooId],
        fields: ['order_line', 'state'],
      },
    );
    if (!so)
      throw new FerryError('partner_missing_record', `Odoo order ${odooId} does not exist`, {
        partner: 'odoo',
      });
    const ids = [...so.order_line].sort((a, b) => a - b).slice(0, order.lines.length);
    const rows = await ops.conn.call<LineRow[]>('sale.order.line', 'read', {
      ids,
      fields: ['product_uom_qty', 'discount'],
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const commands: unknown[][] = [];
    order.lines.forEach((l, i) => {
      const row = byId.get(ids[i] ?? -1);
      if (!row) return;
      const gross = l.unitPrice.amountMinor * l.quantity;
      const pct = exactDiscountPct(gross, gross - l.discount.amountMinor) ?? row.discount;
      if (row.product_uom_qty !== l.quantity || row.discount !== pct)
        commands.push([1, row.id, { product_uom_qty: l.quantity, discount: pct }]);
    });
    if (commands.length)
      await ops.conn.call('sale.order', 'write', { ids: [odooId], vals: { order_line: commands } });
    return { changed: commands.length };
  });
}
