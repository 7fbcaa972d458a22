/**
 * Cancel an order and its open pickings. Odoo itself would cancel an order whose delivery is
 * already done (it only skips done pickings), so Ferry refuses that case clearly: what has shipped
 * needs a return, not a cancellation.
 */
import { FerryError } from '../../../core/errors.js';
import type { CancelResult } from '../port.js';
import { followAction } from '../wizard.js';
import type { Ops } from './context.js';

interface OrderRow {
  id: number;
  name: string;
  state: string;
  picking_ids: number[];
}

export async function cancelOrder(ops: Ops, orderId: number): Promise<CancelResult> {
  return ops.mutex.run([`sale.order#${orderId}`], async () => {
    const [order] = await ops.conn.call<OrderRow[]>('sale.order', 'read', {
      ids: [orderId],
      fields: ['name', 'state', 'picking_ids'],
    });
    if (!order)
      throw new FerryError('partner_missing_record', `Odoo sale order ${orderId} does not exist`, {
        partner: 'odoo',
        entities: { order: orderId },
      });
    if (order.state === 'cancel') return { orderId, alreadyCancelled: true, cancelledPickingIds: [] };
    const pickings = order.picking_ids.length
      ? await ops.conn.call<{ id: number; name: string; state: string; picking_type_code: string }[]>(
          'stock.picking',
          'read',
          {
            ids: order.picking_ids,
            fields: ['name', 'state', 'picking_type_code'],
          },
        )
      : [];
    const shipped = pickings.filter((p) => p.state === 'done' && p.picking_type_code === 'outgoing');
    if (shipped.length) {
      throw new FerryError(
        'rule_failed',
        `order ${order.name} cannot be cancelled: ${shipped.map((p) => p.name).join(', ')} already shipped; create a return instead`,
        {
          partner: 'odoo',
          entities: { order: orderId },
        },
      );
    }
    // disable_cancel_warning skips the "send a cancellation email?" wizard; if one comes anyway it is followed.
    const r = await ops.conn.call('sale.order', 'action_cancel', {
      ids: [orderId],
      context: { disable_cancel_warning: true },
    });
    await followAction(ops.conn, r);
    const open = pickings.filter((p) => p.state !== 'done' && p.state !== 'cancel').map((p) => p.id);
    return { orderId, alreadyCancelled: false, cancelledPickingIds: open };
  });
}
