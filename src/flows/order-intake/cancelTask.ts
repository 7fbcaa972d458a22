import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import { isCancellable, isReleased, type OrderState } from '../../core/lifecycle.js';
import { Order } from '../../core/model.js';
import { resolvedSku } from '../../core/orderMath.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import { ORDER_INTAKE_FLOW, ORDERS_LANE, type IntakeDeps } from './deps.js';

const Payload = z.object({
  ref: z.string().min(1),
  source: z.string().min(1),
  reason: z.string().optional(),
});

/**
 * Cancels an order wherever it has reached: in Odoo (the order and its open pickings) when it is
 * there, then in Ferry. Once anything has shipped, the cancellation becomes an exception for a
 * person ("cancelled after shipment"): goods are on their way and need a return instead.
 */
export function cancelOrderTask(
  deps: IntakeDeps,
  opts: { onCancelled?: (ref: string) => void } = {},
): AnyTask {
  return defineTask({
    name: 'order.cancel',
    lane: ORDERS_LANE,
    payload: Payload,
    impact: 'blocks-shipment',
    handle: async (ctx) => {
      const { ref, source } = ctx.payload;
      const row = await ctx.store.orders.getOrderByRef(ref);
      if (!row) throw new FerryError('not_found', `cannot cancel order ${ref}: Ferry does not know it`);
      const state = row.state as OrderState;
      const now = ctx.clock.now();
      if (state === 'cancelled') return;
      if (!isCancellable(state)) {
        await ctx.store.transaction((tx) =>
          tx.orders.appendOrderEvent({
            orderId: row.id,
            at: now,
            type: 'cancel_refused',
            fromState: state,
            toState: state,
            source,
            detail: { reason: `already ${state}` },
          }),
        );
        throw new FerryError(
          'rule_failed',
          `order ${ref} was cancelled in ${source} after shipment (state ${state}): cancelled after shipment; arrange a return or refund instead`,
          { impact: 'finance', entities: { order: ref } },
        );
      }
      const shadow = ctx.shadow || (await deps.shadow?.(ORDER_INTAKE_FLOW, row.channel)) === true;
      let detail: Record<string, unknown> = { reason: ctx.payload.reason ?? null };
      if (isReleased(state) && deps.cancelAtWarehouse) {
        // Before Odoo: a warehouse that is about to ship must hear first.
        if (shadow) ctx.wouldWrite('warehouse', 'cancel', { ref });
        else await deps.cancelAtWarehouse(ref, ctx.payload.reason ?? `cancelled in ${source}`);
        detail = { ...detail, warehouseCancelled: true };
      }
      if (row.odooId !== null && !source.startsWith('odoo')) {
        if (shadow) ctx.wouldWrite('odoo', 'sale.order cancel', { orderId: row.odooId });
        else {
          const r = await deps.odoo.cancelOrder(row.odooId);
          detail = {
            ...detail,
            odooAlreadyCancelled: r.alreadyCancelled,
            cancelledPickings: r.cancelledPickingIds,
          };
        }
      }
      const cancelReason = Order.parse(row.canonical).cancelReason;
      if (cancelReason) detail = { ...detail, channelReason: cancelReason };
      ctx.write(async (tx) => {
        const t = await tx.orders.transitionOrder(row.id, 'cancelled', now);
        // With the order: no acknowledgement deadline is chased for a cancelled order's release.
        await tx.releases.cancelReleases(ref, now);
        await tx.orders.appendOrderEvent({
          orderId: row.id,
          at: now,
          type: t.kind === 'refused' ? 'cancel_refused' : 'cancelled',
          fromState: state,
          toState: t.kind === 'refused' ? state : 'cancelled',
          source,
          detail,
        });
      });
      // With the cancellation: its in-flight hold and Odoo reservation go back on sale at once.
      const skus = Order.parse(row.canonical).lines.flatMap((l) => resolvedSku(l) ?? []);
      const moved = deps.stockMoved?.(skus, 'cancel', ref);
      if (moved) ctx.enqueue(moved);
      opts.onCancelled?.(ref);
    },
  });
}
