/**
 * `order.odoo-edit {ref}`: an edit the channel made after acceptance reaches the confirmed Odoo
 * order while the warehouse does not have it yet (quantities down, a removed line to 0). Once the
 * order is released the edit is a conflict for a person instead (applyChannelOrder refuses it).
 */
import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import { isReleased, type OrderState } from '../../core/lifecycle.js';
import { Order } from '../../core/model.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import { ORDERS_LANE, type IntakeDeps } from './deps.js';

export const ODOO_EDIT_TASK = 'order.odoo-edit';

const Payload = z.object({ ref: z.string().min(1) });

export function odooEditTask(deps: IntakeDeps): AnyTask {
  return defineTask({
    name: ODOO_EDIT_TASK,
    lane: ORDERS_LANE,
    payload: Payload,
    impact: 'blocks-shipment',
    handle: async (ctx) => {
      const row = await ctx.store.orders.getOrderByRef(ctx.payload.ref);
      if (!row) throw new FerryError('not_found', `order ${ctx.payload.ref} is not known to Ferry`);
      if (row.odooId === null || row.state === 'cancelled') return;
      if (isReleased(row.state as OrderState))
        throw new FerryError(
          'conflict',
          `order ${row.ref} was edited in the channel but is already at the warehouse (state ${row.state}); update the warehouse and Odoo by hand`,
          { impact: 'blocks-shipment', entities: { order: row.ref } },
        );
      const order = Order.parse(row.canonical);
      const { changed } = await deps.odoo.updateOrderQuantities(row.odooId, order);
      const now = deps.clock.now();
      ctx.write((tx) =>
        tx.orders.appendOrderEvent({
          orderId: row.id,
          at: now,
          type: 'odoo_updated',
          source: `job:${ctx.job.id}`,
          detail: {
            odooId: row.odooId,
            linesChanged: changed,
            quantities: order.lines.map((l) => l.quantity),
          },
        }),
      );
    },
  });
}
