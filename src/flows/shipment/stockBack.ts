/**
 * Stock a warehouse cancellation gives back (issue 6): the cancelled order or backorder frees its
 * Odoo reservation, and the channels should sell those units again at once, not at the next
 * stock.quant poll. The inventory refresh is enqueued with the cancellation, so it runs only once
 * the cancellation is committed.
 */
import { Order } from '../../core/model.js';
import { resolvedSku } from '../../core/orderMath.js';
import type { JobContext } from '../../engine/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ShipmentDeps } from './deps.js';

/** Enqueues the re-read and republish of the order's SKUs; nothing when inventory is off. */
export function stockBack(ctx: JobContext<unknown>, deps: ShipmentDeps, row: OrderRow): void {
  const skus = Order.parse(row.canonical).lines.flatMap((l) => resolvedSku(l) ?? []);
  const job = deps.stockMoved?.(skus, 'warehouse-cancel', row.ref);
  if (job) ctx.enqueue(job);
}
