/**
 * Shopify as a fulfilment sink: `fulfillmentCreate` on the fulfillment orders, with tracking. One
 * call may only name fulfillment orders of one order and one location (input-objects/
 * FulfillmentInput), so the plan is split by the fulfillment orders' assigned location and each
 * location gets its own fulfillment. Shopify has no idempotency key here, so the plan and the
 * remaining quantities it was made from are saved (the checkpoint) before the calls; a retry
 * re-reads the fulfillment orders and, for each location whose remaining dropped by exactly its
 * part of the plan, knows that call landed.
 */
import type { FulfilmentInput, FulfilmentOutcome, FulfilmentSink } from '../../../core/channel/index.js';
import { FerryError, Impact } from '../../../core/errors.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { fulfillmentCreate, fulfillmentOrdersForOrder } from '../graphqlFulfillment.js';
import type { FulfillmentOrderInfo } from '../graphqlFulfillment.js';

/** One fulfillment-order line to fulfil, with what remained on it when planned. */
interface PlannedLine {
  readonly fulfillmentOrderId: string;
  /** The fulfillment order's assigned location; absent in plans stored before grouping by location. */
  readonly locationId?: string | null;
  readonly lineId: string;
  readonly quantity: number;
  readonly remainingBefore: number;
}

const OPEN = new Set(['OPEN', 'IN_PROGRESS']);

/** Spreads shipped units per SKU over open fulfillment-order lines in order. */
function planLines(
  fos: FulfillmentOrderInfo[],
  shipped: FulfilmentInput['lines'],
): { plan: PlannedLine[]; unplaced: string[] } {
  const left = new Map<string, number>();
  const plan: PlannedLine[] = [];
  for (const l of shipped) left.set(l.sku, (left.get(l.sku) ?? 0) + l.quantity);
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
function landed(plan: readonly PlannedLine[], fos: FulfillmentOrderInfo[]): boolean | 'conflict' {
  const now = remaining(fos);
  const done = plan.map((p) => now.get(p.lineId) === p.remainingBefore - p.quantity);
  const untouched = plan.map((p) => now.get(p.lineId) === p.remainingBefore);
  if (done.every(Boolean)) return true;
  if (untouched.every(Boolean)) return false;
  return 'conflict';
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

/** Confirms shipments on one shop. */
export class ShopifyFulfilmentSink implements FulfilmentSink {
  constructor(private readonly client: ShopifyGraphqlClient) {}

  async createFulfilment(input: FulfilmentInput): Promise<FulfilmentOutcome> {
    const fos = await fulfillmentOrdersForOrder(this.client, input.channelOrderId);
    let plan = (input.checkpoint as { plan?: PlannedLine[] } | null)?.plan;
    if (!plan || landed(plan, fos) === false) {
      const fresh = planLines(fos, input.lines);
      if (fresh.plan.length === 0)
        return {
          kind: 'nothing-open',
          reason: `nothing open on Shopify for ${fresh.unplaced.join(', ') || 'this shipment'}`,
        };
      plan = fresh.plan;
      await input.saveCheckpoint({ plan });
    }
    const created: string[] = [];
    for (const group of byLocation(plan)) {
      const was = landed(group, fos);
      if (was === true) continue;
      if (was === 'conflict') throw this.partlyLanded(input);
      const byFo = new Map<string, { id: string; quantity: number }[]>();
      for (const p of group)
        byFo.set(p.fulfillmentOrderId, [
          ...(byFo.get(p.fulfillmentOrderId) ?? []),
          { id: p.lineId, quantity: p.quantity },
        ]);
      const c = await fulfillmentCreate(this.client, {
        fulfillmentOrders: [...byFo].map(([fulfillmentOrderId, lines]) => ({ fulfillmentOrderId, lines })),
        tracking: {
          ...(input.tracking.company ? { company: input.tracking.company } : {}),
          ...(input.tracking.numbers ? { numbers: [...input.tracking.numbers] } : {}),
          ...(input.tracking.urls ? { urls: [...input.tracking.urls] } : {}),
        },
        notifyCustomer: input.notifyCustomer,
      });
      created.push(c.id);
    }
    return created.length === 0 ? { kind: 'landed-earlier' } : { kind: 'created', fulfilmentIds: created };
  }

  private partlyLanded(input: FulfilmentInput): FerryError {
    return new FerryError(
      'conflict',
      `order ${input.orderRef}: Shopify fulfilment of shipment ${input.shipmentId} partly matches an earlier attempt; check the order in Shopify`,
      {
        impact: Impact.blocksShipment,
        partner: this.client.partner,
        entities: { orderRef: input.orderRef, shipmentId: input.shipmentId },
      },
    );
  }
}
