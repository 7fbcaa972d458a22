/**
 * A warehouse cancels what it has not shipped of an order part of which already shipped. Nothing
 * of that can be undone, so the rest is settled by rule (`WarehouseRules.cancelledRest`):
 * - `cancel-backorder`: the open Odoo backorder is cancelled (its reservation freed), the channel's
 *   remaining fulfillment orders are put on hold as out of stock with a note, so the merchant sees
 *   what will not ship and decides about a refund; the order is shipped as far as it will be.
 * - `keep-backorder`: the backorder stays open for a person to re-route or cancel; an exception
 *   names it. The channel is not told, since the rest may still ship from elsewhere.
 */
import { FerryError, Impact } from '../../core/errors.js';
import { transition, type OrderState } from '../../core/lifecycle.js';
import type { FulfilmentRequest } from '../../core/model.js';
import { channelRole } from '../../core/channel/index.js';
import type { StoreSession } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ReleaseRow, ShipmentRow } from '../../store/warehouse/index.js';
import { problemJob, type ShipmentNotice } from '../fulfilment/index.js';
import type { ShipmentDeps } from './deps.js';
import { stockBack } from './stockBack.js';
import type { JobContext } from '../../engine/index.js';

type Ctx = JobContext<{ warehouse: string; orderRef: string; reason: string | null }>;

/** SKUs of release `r` its warehouse has neither shipped in full nor closed, by its synced shipments. */
function openSkus(r: ReleaseRow, shipments: ShipmentRow[]): string[] {
  const shipped = new Map<string, number>();
  const closed = new Set<string>();
  for (const s of shipments.filter((x) => x.warehouse === r.warehouse && x.odooDoneAt !== null)) {
    const n = s.notice as ShipmentNotice;
    for (const l of n.shipment.lines) shipped.set(l.sku, (shipped.get(l.sku) ?? 0) + l.quantity);
    for (const l of n.lines) if (l.outcome === 'closed') closed.add(l.sku);
  }
  const req = r.request as FulfilmentRequest;
  return req.lines
    .filter((l) => !closed.has(l.sku) && (shipped.get(l.sku) ?? 0) < l.quantity)
    .map((l) => l.sku);
}

/** Whether warehouses other than `warehouse` still have unshipped lines of live releases. */
export function openElsewhere(releases: ReleaseRow[], shipments: ShipmentRow[], warehouse: string): boolean {
  return releases.some(
    (r) => r.warehouse !== warehouse && r.state !== 'cancelled' && openSkus(r, shipments).length > 0,
  );
}

/**
 * SKUs `warehouse` still has to ship once the rest of `cancelled` is off: a 945 can cancel one
 * line (`IC`) and leave another to follow (`BP`) on the same Odoo backorder.
 */
export function stillToFollow(
  releases: ReleaseRow[],
  shipments: ShipmentRow[],
  warehouse: string,
  cancelled: readonly string[],
): string[] {
  return releases
    .filter((r) => r.warehouse === warehouse && r.state !== 'cancelled')
    .flatMap((r) => openSkus(r, shipments))
    .filter((sku) => !cancelled.includes(sku));
}

/** Puts what is still open of the order on hold on the channel once (recorded as a warehouse event). */
async function holdOnChannel(ctx: Ctx, deps: ShipmentDeps, row: OrderRow, note: string): Promise<number> {
  const holds = channelRole(deps.channels, row.channel, 'holds');
  if (!holds) return 0;
  const key = `${ctx.payload.warehouse}:channel-hold:${row.ref}`;
  if (await ctx.store.warehouseEvents.hasWarehouseEvent(key)) return 0;
  const held = await holds.holdOpen({
    channelOrderId: row.channelOrderId,
    note,
    handle: `ferry-${ctx.payload.warehouse}`,
  });
  await ctx.store.warehouseEvents.recordWarehouseEvent({
    warehouse: ctx.payload.warehouse,
    kind: 'channel-hold',
    key,
    payload: { orderRef: row.ref, fulfillmentOrders: held },
    at: deps.clock.now(),
  });
  return held.length;
}

/** Cancels the open outgoing pickings of the order; returns their names. */
async function cancelBackorders(deps: ShipmentDeps, row: OrderRow): Promise<string[]> {
  const pickings = await deps.odoo.readPickings(row.odooId!);
  const open = pickings.filter((p) => p.kind === 'outgoing' && p.state !== 'done' && p.state !== 'cancel');
  const names: string[] = [];
  for (const p of open) names.push((await deps.odoo.cancelPicking(p.id)).name);
  return names;
}

async function openBackorders(deps: ShipmentDeps, row: OrderRow): Promise<string[]> {
  const pickings = await deps.odoo.readPickings(row.odooId!);
  return pickings
    .filter((p) => p.kind === 'outgoing' && p.state !== 'done' && p.state !== 'cancel')
    .map((p) => p.name);
}

function keptBackorder(ctx: Ctx, row: OrderRow, names: string[]): FerryError {
  const w = ctx.payload.warehouse;
  return new FerryError(
    'rule_failed',
    `warehouse ${w} cancelled the rest of order ${row.ref} after part of it shipped (${ctx.payload.reason ?? 'no reason given'}); Odoo backorder ${names.join(', ') || '(none open)'} is kept: re-route or cancel it`,
    {
      retryable: false,
      impact: Impact.blocksShipment,
      partner: `wms:${w}`,
      entities: { orderRef: row.ref, warehouse: w, backorders: names.join(',') },
    },
  );
}

/** Settles the unshipped rest of a partly shipped order by rule. */
export async function cancelRest(ctx: Ctx, deps: ShipmentDeps, row: OrderRow, releases: ReleaseRow[]) {
  const w = ctx.payload.warehouse;
  const rule = deps.rules.cancelledRest;
  const reason = ctx.payload.reason ?? 'no reason given';
  let backorders: string[];
  let held = 0;
  if (rule === 'cancel-backorder') {
    backorders = await cancelBackorders(deps, row);
    const note = `Warehouse ${w} will not ship the rest (${reason}); Odoo backorder ${backorders.join(', ') || '-'} cancelled. Refund or re-route the remaining items.`;
    held = await holdOnChannel(ctx, deps, row, note);
  } else {
    backorders = await openBackorders(deps, row);
    ctx.enqueue(problemJob(w, `kept-backorder:${row.ref}`, keptBackorder(ctx, row, backorders)));
  }
  const now = deps.clock.now();
  const target: OrderState = rule === 'cancel-backorder' ? 'shipped' : (row.state as OrderState);
  const t = transition(row.state as OrderState, target);
  ctx.write(async (tx) => {
    await recordRest(tx, { row, releases, warehouse: w, now, applied: t.kind === 'applied', target });
    await tx.orders.appendOrderEvent({
      orderId: row.id,
      at: now,
      type: 'rest_cancelled',
      fromState: row.state,
      toState: t.kind === 'applied' ? target : row.state,
      source: `wms:${w}`,
      detail: { reason: ctx.payload.reason, rule, backorders, channelHolds: held },
    });
  });
  // Only a cancelled backorder frees its reservation; a kept one still holds the units.
  if (rule === 'cancel-backorder') stockBack(ctx, deps, row);
}

async function recordRest(
  store: StoreSession,
  r: {
    row: OrderRow;
    releases: ReleaseRow[];
    warehouse: string;
    now: number;
    applied: boolean;
    target: OrderState;
  },
): Promise<void> {
  if (r.applied && r.target !== r.row.state) await store.orders.transitionOrder(r.row.id, r.target, r.now);
  for (const rel of r.releases)
    if (rel.warehouse === r.warehouse)
      await store.releases.updateRelease(rel.id, { state: 'cancelled', now: r.now });
}
