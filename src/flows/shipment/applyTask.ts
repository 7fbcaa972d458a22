/**
 * `shipment.apply`: one warehouse shipment synced everywhere, step by step — Odoo delivery
 * validated, channel fulfilment created, order lifecycle moved to shipped (partially or fully).
 * Each step records its completion before the next starts, so a retry resumes where it stopped;
 * the shipment row (unique per warehouse and shipment id) makes a duplicate 945 or webhook a no-op.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import { transition, type OrderState } from '../../core/lifecycle.js';
import { Order, Shipment } from '../../core/model.js';
import { openShippableLines, resolvedSku } from '../../core/orderMath.js';
import { defineTask, type AnyTask, type JobContext } from '../../engine/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ShipmentRow } from '../../store/warehouse/index.js';
import {
  SHIPMENT_TASK,
  SHIPMENTS_LANE,
  ackLateJob,
  mayBeAlerted,
  type ShipmentNotice,
} from '../fulfilment/index.js';
import { carrierUnmappedJob, resolveCarrier, type ResolvedCarrier } from './carrier.js';
import { channelStep, type ChannelOutcome } from './channelStep.js';
import type { ShipmentDeps } from './deps.js';
import { odooStep, type OdooOutcome } from './odooStep.js';

const Notice = z.object({
  shipment: Shipment,
  lines: z.array(
    z.object({
      sku: z.string(),
      ordered: z.number().int().optional(),
      shipped: z.number().int(),
      outcome: z.enum(['complete', 'backorder', 'closed', 'cancelled']),
    }),
  ),
});
const Payload = z.object({ warehouse: z.string(), notice: Notice });
type Ctx = JobContext<z.infer<typeof Payload>>;

/**
 * Shipped (or closed by the warehouse) vs released per SKU over every synced shipment of the order:
 * what was open to ship under the SKU resolved at acceptance, not what was once ordered.
 */
function fulfilmentState(order: Order, shipments: ShipmentRow[]): 'shipped' | 'shipped_partially' {
  const ordered = new Map<string, number>();
  for (const { line, quantity } of openShippableLines(order)) {
    const sku = resolvedSku(line);
    if (sku) ordered.set(sku, (ordered.get(sku) ?? 0) + quantity);
  }
  const shipped = new Map<string, number>();
  const closed = new Set<string>();
  for (const s of shipments) {
    const n = s.notice as ShipmentNotice;
    for (const l of n.shipment.lines) shipped.set(l.sku, (shipped.get(l.sku) ?? 0) + l.quantity);
    for (const l of n.lines) if (l.outcome === 'closed') closed.add(l.sku);
  }
  const done = [...ordered].every(([sku, q]) => (shipped.get(sku) ?? 0) >= q || closed.has(sku));
  return done ? 'shipped' : 'shipped_partially';
}

async function recordShipped(
  ctx: Ctx,
  deps: ShipmentDeps,
  row: OrderRow,
  s: ShipmentRow,
  steps: {
    odoo: OdooOutcome | undefined;
    channel: ChannelOutcome | undefined;
    carrier: ResolvedCarrier | undefined;
  },
): Promise<void> {
  const now = deps.clock.now();
  const notice = ctx.payload.notice as ShipmentNotice;
  const synced = (await ctx.store.shipments.listShipments(row.ref)).filter(
    (x) => x.odooDoneAt !== null || x.id === s.id,
  );
  const target = fulfilmentState(Order.parse(row.canonical), synced);
  const t = transition(row.state as OrderState, target);
  // A shipment acknowledges the release as a 997 would, so it closes a deadline exception too.
  for (const r of await ctx.store.releases.listReleases(row.ref))
    if (r.warehouse === ctx.payload.warehouse && r.externalRef !== null && mayBeAlerted(r))
      ctx.enqueue(ackLateJob(r));
  ctx.write(async (tx) => {
    await tx.orders.transitionOrder(row.id, target, now);
    await tx.shipments.updateShipment(s.id, { state: 'done', now });
    await tx.releases.acknowledgeReleases(
      ctx.payload.warehouse,
      (await tx.releases.listReleases(row.ref)).flatMap((r) =>
        r.warehouse === ctx.payload.warehouse && r.externalRef ? [r.externalRef] : [],
      ),
      now,
    );
    await tx.orders.addOrderRefs(row.id, [
      `wms:${ctx.payload.warehouse}:shipment:${s.shipmentId}`,
      ...notice.shipment.trackingNumbers.map((n) => `tracking:${n}`),
    ]);
    await tx.orders.appendOrderEvent({
      orderId: row.id,
      at: now,
      type: target,
      fromState: row.state,
      toState: t.kind === 'applied' ? target : row.state,
      source: `job:${ctx.job.id}`,
      detail: {
        warehouse: ctx.payload.warehouse,
        shipmentId: s.shipmentId,
        lines: notice.lines,
        tracking: notice.shipment.trackingNumbers,
        // The carrier as read, with the mapping version used (or why none was).
        carrier: steps.carrier ?? null,
        odoo: steps.odoo ?? null,
        channel: steps.channel ?? null,
      },
    });
  });
}

/** Loads the order and the shipment row (creating it on first sight). */
async function load(ctx: Ctx, deps: ShipmentDeps): Promise<{ row: OrderRow; s: ShipmentRow } | undefined> {
  const { warehouse, notice } = ctx.payload;
  const ref = notice.shipment.orderRef;
  const row = await ctx.store.orders.getOrderByRef(ref);
  if (!row)
    throw new FerryError(
      'not_found',
      `warehouse ${warehouse} shipped order ${ref}, which Ferry does not know`,
      {
        impact: Impact.blocksShipment,
        partner: `wms:${warehouse}`,
        entities: { orderRef: ref, shipmentId: notice.shipment.shipmentId },
      },
    );
  await ctx.store.shipments.insertShipment({
    warehouse,
    shipmentId: notice.shipment.shipmentId,
    orderRef: ref,
    notice,
    now: deps.clock.now(),
  });
  const s = await ctx.store.shipments.getShipment(warehouse, notice.shipment.shipmentId);
  return s && s.state !== 'done' ? { row, s } : undefined;
}

/** `shipment.apply {warehouse, notice}`. */
export function applyShipmentTask(deps: ShipmentDeps): AnyTask {
  return defineTask({
    name: SHIPMENT_TASK,
    lane: SHIPMENTS_LANE,
    payload: Payload,
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      const loaded = await load(ctx, deps);
      if (!loaded) return; // this shipment was synced before: a duplicate 945 or webhook
      const { row, s } = loaded;
      const notice = ctx.payload.notice as ShipmentNotice;
      if (notice.shipment.lines.every((l) => l.quantity === 0)) {
        await ctx.store.shipments.updateShipment(s.id, { state: 'done', now: deps.clock.now() });
        return;
      }
      if (ctx.shadow || (await deps.shadow?.('shipment', row.channel))) {
        ctx.wouldWrite('odoo', 'validatePicking', notice);
        ctx.wouldWrite(row.channel, 'fulfillmentCreate', notice);
        return;
      }
      const synced = (await ctx.store.shipments.listShipments(row.ref)).filter(
        (x) => x.odooDoneAt !== null || x.id === s.id,
      );
      const completes = fulfilmentState(Order.parse(row.canonical), synced) === 'shipped';
      const { warehouse } = ctx.payload;
      const carrier = await resolveCarrier(ctx.store, deps.rules, warehouse, notice.shipment.carrier);
      const odoo = await odooStep(ctx.store, deps, row, s, notice, completes, carrier);
      const channel = await channelStep(ctx.store, deps, row, s, notice, carrier);
      await recordShipped(ctx, deps, row, s, { odoo, channel, carrier });
      // Tracking went out with the code as it came; a person is told, and nothing waits for them.
      if (carrier?.source === 'unmapped')
        ctx.enqueue(
          carrierUnmappedJob({
            warehouse,
            carrier: carrier.code,
            orderRef: row.ref,
            shipmentId: s.shipmentId,
          }),
        );
      // Committed with the shipment, so availability is re-read at once, not at the next poll.
      const moved = deps.stockMoved?.(
        notice.shipment.lines.map((l) => l.sku),
        'shipment',
        row.ref,
      );
      if (moved) ctx.enqueue(moved);
    },
  });
}
