/**
 * A warehouse cancelled an order (short of stock, damaged…): the cancellation flows back. Nothing
 * shipped yet → by rule the order is cancelled in Odoo and on the channel (restocked, customer
 * told), or left to a person. Something shipped → the rest is settled by rule (cancelRest.ts).
 * Another warehouse still shipping lines of the same order → a person decides: its lines share
 * the Odoo delivery and the channel order, so neither may be cancelled whole.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import { transition, type OrderState } from '../../core/lifecycle.js';
import { channelRole } from '../../core/channel/index.js';
import { defineTask, type AnyTask, type JobContext } from '../../engine/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ShipmentRow } from '../../store/warehouse/index.js';
import { SHIPMENTS_LANE, WAREHOUSE_CANCEL_TASK } from '../fulfilment/index.js';
import { cancelRest, openElsewhere, stillToFollow } from './cancelRest.js';
import type { ShipmentDeps } from './deps.js';
import { stockBack } from './stockBack.js';

const Payload = z.object({
  warehouse: z.string(),
  orderRef: z.string(),
  reason: z.string().nullable(),
  /** The shipment (X12 945) that reported the cancellation. */
  shipmentId: z.string().optional(),
  /** SKUs whose rest was cancelled; absent: everything not shipped. */
  skus: z.array(z.string()).optional(),
});
type Ctx = JobContext<z.infer<typeof Payload>>;

function refuse(ctx: Ctx, row: OrderRow, message: string): FerryError {
  return new FerryError('rule_failed', message, {
    impact: Impact.blocksShipment,
    partner: `wms:${ctx.payload.warehouse}`,
    entities: {
      orderRef: row.ref,
      warehouse: ctx.payload.warehouse,
      ...(row.odooId ? { odooOrder: row.odooId } : {}),
    },
  });
}

/** Cancels on the channel once (recorded as a warehouse event keyed by the order). */
async function cancelOnChannel(ctx: Ctx, deps: ShipmentDeps, row: OrderRow): Promise<boolean> {
  const cancels = channelRole(deps.channels, row.channel, 'cancels');
  if (!cancels) return false;
  const key = `${ctx.payload.warehouse}:channel-cancel:${row.ref}`;
  if (await ctx.store.warehouseEvents.hasWarehouseEvent(key)) return true;
  await cancels.cancelOrder({
    channelOrderId: row.channelOrderId,
    reason: 'inventory',
    restock: true,
    notifyCustomer: deps.rules.notifyCustomer,
    staffNote: `Cancelled by warehouse ${ctx.payload.warehouse}${ctx.payload.reason ? `: ${ctx.payload.reason}` : ''}`,
  });
  await ctx.store.warehouseEvents.recordWarehouseEvent({
    warehouse: ctx.payload.warehouse,
    kind: 'channel-cancel',
    key,
    payload: { orderRef: row.ref },
    at: deps.clock.now(),
  });
  return true;
}

/**
 * A shipment of this warehouse that is recorded but not yet in Odoo (its job failed, or waits):
 * deciding now would take the order for unshipped and cancel it whole. So the cancellation waits
 * for it, and retries; the one named by the cancellation must exist first.
 */
function unsynced(ctx: Ctx, shipments: ShipmentRow[]): FerryError | undefined {
  const { warehouse, shipmentId, orderRef } = ctx.payload;
  const mine = shipments.filter((s) => s.warehouse === warehouse);
  const pending = mine.filter((s) => s.odooDoneAt === null && s.state !== 'done').map((s) => s.shipmentId);
  if (shipmentId !== undefined && !mine.some((s) => s.shipmentId === shipmentId)) pending.push(shipmentId);
  if (pending.length === 0) return undefined;
  return new FerryError(
    'conflict',
    `warehouse ${warehouse} cancelled (part of) order ${orderRef}, but its shipment ${pending.join(', ')} is not synced to Odoo yet; the cancellation waits for it`,
    {
      retryable: true,
      impact: Impact.blocksShipment,
      partner: `wms:${warehouse}`,
      entities: { orderRef, warehouse, shipmentId: pending.join(',') },
    },
  );
}

/** `shipment.warehouse-cancelled {warehouse, orderRef, reason, shipmentId?, skus?}`. */
export function warehouseCancelTask(deps: ShipmentDeps): AnyTask {
  return defineTask({
    name: WAREHOUSE_CANCEL_TASK,
    lane: SHIPMENTS_LANE,
    payload: Payload,
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      const row = await ctx.store.orders.getOrderByRef(ctx.payload.orderRef);
      if (!row)
        throw new FerryError(
          'not_found',
          `warehouse ${ctx.payload.warehouse} cancelled order ${ctx.payload.orderRef}, which Ferry does not know`,
        );
      if (row.state === 'cancelled') return;
      const shipments = await ctx.store.shipments.listShipments(row.ref);
      const releases = await ctx.store.releases.listReleases(row.ref);
      const mine = releases.filter((r) => r.warehouse === ctx.payload.warehouse);
      if (mine.length > 0 && mine.every((r) => r.state === 'cancelled')) return; // settled before
      const waiting = unsynced(ctx, shipments);
      if (waiting) throw waiting;
      if (openElsewhere(releases, shipments, ctx.payload.warehouse))
        throw refuse(
          ctx,
          row,
          `warehouse ${ctx.payload.warehouse} cancelled its part of order ${row.ref} (${ctx.payload.reason ?? 'no reason given'}) while another warehouse still ships the rest; re-route or cancel its lines`,
        );
      const follows = ctx.payload.skus
        ? stillToFollow(releases, shipments, ctx.payload.warehouse, ctx.payload.skus)
        : [];
      // The rest of those lines shares one Odoo backorder with lines still to ship; Odoo's
      // picking cancel takes the whole backorder, so a person takes the cancelled lines off it.
      if (follows.length > 0)
        throw refuse(
          ctx,
          row,
          `warehouse ${ctx.payload.warehouse} cancelled ${ctx.payload.skus!.join(', ')} of order ${row.ref} (${ctx.payload.reason ?? 'no reason given'}) while ${follows.join(', ')} still follows from it; take the cancelled lines off the Odoo backorder`,
        );
      if (shipments.some((s) => s.odooDoneAt !== null)) return cancelRest(ctx, deps, row, releases);
      if (deps.rules.warehouseCancel === 'exception')
        throw refuse(
          ctx,
          row,
          `warehouse ${ctx.payload.warehouse} cancelled order ${row.ref} (${ctx.payload.reason ?? 'no reason given'})`,
        );
      if (row.odooId !== null) await deps.odoo.cancelOrder(row.odooId);
      const channel = await cancelOnChannel(ctx, deps, row);
      const now = deps.clock.now();
      const t = transition(row.state as OrderState, 'cancelled');
      ctx.write(async (tx) => {
        await tx.orders.transitionOrder(row.id, 'cancelled', now);
        for (const r of releases) await tx.releases.updateRelease(r.id, { state: 'cancelled', now });
        await tx.orders.appendOrderEvent({
          orderId: row.id,
          at: now,
          type: 'cancelled',
          fromState: row.state,
          toState: t.kind === 'applied' ? 'cancelled' : row.state,
          source: `wms:${ctx.payload.warehouse}`,
          detail: {
            reason: ctx.payload.reason,
            odooCancelled: row.odooId !== null,
            channelCancelled: channel,
          },
        });
      });
      stockBack(ctx, deps, row);
    },
  });
}
