/**
 * Step 2 of a shipment: confirm it on the originating channel (Shopify `fulfillmentCreate` on the
 * fulfillment orders, with tracking). One call may only name fulfillment orders of one order and
 * one location (input-objects/FulfillmentInput), so the plan is split by the fulfillment orders'
 * assigned location and each location gets its own fulfillment. Shopify has no idempotency key
 * here, so the plan and the remaining quantities it was made from are stored before the calls; a
 * retry re-reads the fulfillment orders and, for each location whose remaining dropped by exactly
 * its part of the plan, knows that call landed.
 */
import type { Kysely } from 'kysely';
import { FerryError, Impact } from '../../core/errors.js';
import type { FulfillmentOrderInfo } from '../../connectors/shopify/index.js';
import { fulfillmentCreate, fulfillmentOrdersForOrder } from '../../connectors/shopify/index.js';
import type { DB } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import { updateShipment, type ShipmentRow } from '../../store/warehouse/index.js';
import type { ShipmentNotice } from '../fulfilment/index.js';
import { carrierName } from './odooStep.js';
import type { ShipmentDeps } from './deps.js';

/** One fulfillment-order line to fulfil, with what remained on it when planned. */
interface PlannedLine {
  readonly fulfillmentOrderId: string;
  /** The fulfillment order's assigned location; absent in plans stored before grouping by location. */
  readonly locationId?: string | null;
  readonly lineId: string;
  readonly quantity: number;
  readonly remainingBefore: number;
}

/** What the channel step did. */
export type ChannelOutcome =
  | {
      readonly kind: 'created';
      /** One fulfillment per location the shipment's lines were assigned to. */
      readonly fulfillmentIds: readonly string[];
      readonly tracking: readonly string[];
    }
  | { readonly kind: 'landed-earlier' }
  | { readonly kind: 'skipped'; readonly reason: string };

const OPEN = new Set(['OPEN', 'IN_PROGRESS']);

/** Spreads shipped units per SKU over open fulfillment-order lines in order. */
function planLines(
  fos: FulfillmentOrderInfo[],
  notice: ShipmentNotice,
): { plan: PlannedLine[]; unplaced: string[] } {
  const left = new Map<string, number>();
  const plan: PlannedLine[] = [];
  for (const l of notice.shipment.lines) left.set(l.sku, (left.get(l.sku) ?? 0) + l.quantity);
  for (const fo of fos.filter((f) => OPEN.has(f.status))) {
    for (const line of fo.lines) {
      const want = line.sku ? (left.get(line.sku) ?? 0) : 0;
      const take = Math.min(want, line.remainingQuantity);
      if (take <= 0 || !line.sku) continue;
      plan.push({
        fulfillmentOrderId: fo.id,
        locationId: fo.locationId,
        lineId: line.id,
        quantity: take,
        remainingBefore: line.remainingQuantity,
      });
      left.set(line.sku, want - take);
    }
  }
  return { plan, unplaced: [...left].filter(([, q]) => q > 0).map(([sku, q]) => `${sku}×${q}`) };
}

function remaining(fos: FulfillmentOrderInfo[]): Map<string, number> {
  return new Map(fos.flatMap((fo) => fo.lines.map((l) => [l.id, l.remainingQuantity] as const)));
}

/** Whether a stored plan already landed: `true`, `false` (nothing of it), or a conflict. */
function landed(plan: PlannedLine[], fos: FulfillmentOrderInfo[]): boolean | 'conflict' {
  const now = remaining(fos);
  const done = plan.map((p) => now.get(p.lineId) === p.remainingBefore - p.quantity);
  const untouched = plan.map((p) => now.get(p.lineId) === p.remainingBefore);
  if (done.every(Boolean)) return true;
  if (untouched.every(Boolean)) return false;
  return 'conflict';
}

function tracking(deps: ShipmentDeps, notice: ShipmentNotice) {
  const s = notice.shipment;
  const company = carrierName(deps, s.carrier);
  const template = company ? deps.rules.trackingUrls[company] : undefined;
  const urls = s.trackingUrl
    ? [s.trackingUrl]
    : template
      ? s.trackingNumbers.map((n) => template.replace('{number}', encodeURIComponent(n)))
      : [];
  return {
    ...(company ? { company } : {}),
    ...(s.trackingNumbers.length ? { numbers: [...s.trackingNumbers] } : {}),
    ...(urls.length ? { urls } : {}),
  };
}

/** Confirms the shipment on the channel once. */
export async function channelStep(
  db: Kysely<DB>,
  deps: ShipmentDeps,
  order: OrderRow,
  s: ShipmentRow,
  notice: ShipmentNotice,
): Promise<ChannelOutcome | undefined> {
  if (s.channelDoneAt !== null) return undefined;
  const client = deps.channels.get(order.channel)?.client;
  const finish = (fulfillmentId?: string) =>
    updateShipment(db, s.id, {
      channelDoneAt: deps.clock.now(),
      ...(fulfillmentId ? { channelFulfillmentId: fulfillmentId } : {}),
      now: deps.clock.now(),
    });
  if (!client) {
    await finish();
    return { kind: 'skipped', reason: `channel ${order.channel} takes no fulfilments from Ferry` };
  }
  const fos = await fulfillmentOrdersForOrder(client, order.channelOrderId);
  const stored = s.channelSnapshot as { plan: PlannedLine[] } | null;
  let plan = stored?.plan;
  if (!plan || landed(plan, fos) === false) {
    const fresh = planLines(fos, notice);
    if (fresh.plan.length === 0) {
      await finish();
      return {
        kind: 'skipped',
        reason: `nothing open on Shopify for ${fresh.unplaced.join(', ') || 'this shipment'}`,
      };
    }
    plan = fresh.plan;
    await updateShipment(db, s.id, { channelSnapshot: { plan }, now: deps.clock.now() });
  }
  const created: string[] = [];
  for (const group of byLocation(plan)) {
    const was = landed(group, fos);
    if (was === true) continue;
    if (was === 'conflict') throw partlyLanded(order, s, client.partner);
    const byFo = new Map<string, { id: string; quantity: number }[]>();
    for (const p of group)
      byFo.set(p.fulfillmentOrderId, [
        ...(byFo.get(p.fulfillmentOrderId) ?? []),
        { id: p.lineId, quantity: p.quantity },
      ]);
    const c = await fulfillmentCreate(client, {
      fulfillmentOrders: [...byFo].map(([fulfillmentOrderId, lines]) => ({ fulfillmentOrderId, lines })),
      tracking: tracking(deps, notice),
      notifyCustomer: deps.rules.notifyCustomer,
    });
    created.push(c.id);
  }
  await finish(created.length ? created.join(',') : undefined);
  if (created.length === 0) return { kind: 'landed-earlier' };
  return { kind: 'created', fulfillmentIds: created, tracking: notice.shipment.trackingNumbers };
}

/** The plan split by location, in the order the locations first appear. */
function byLocation(plan: readonly PlannedLine[]): PlannedLine[][] {
  const groups = new Map<string, PlannedLine[]>();
  for (const p of plan) {
    const key = p.locationId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

function partlyLanded(order: OrderRow, s: ShipmentRow, partner: string): FerryError {
  return new FerryError(
    'conflict',
    `order ${order.ref}: Shopify fulfilment of shipment ${s.shipmentId} partly matches an earlier attempt; check the order in Shopify`,
    {
      impact: Impact.blocksShipment,
      partner,
      entities: { orderRef: order.ref, shipmentId: s.shipmentId },
    },
  );
}
