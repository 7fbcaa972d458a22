/**
 * Step 1 of a shipment: validate the Odoo delivery with the shipped quantities, carrier and
 * tracking. The picking is chosen once and stored before the call: a retry after a lost answer
 * validates the same picking (Odoo answers `alreadyDone`), never the backorder that followed it.
 */
import { FerryError, Impact } from '../../core/errors.js';
import type { StoreSession } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ShipmentRow } from '../../store/warehouse/index.js';
import type { ShipmentNotice } from '../fulfilment/index.js';
import type { ResolvedCarrier } from './carrier.js';
import type { ShipmentDeps } from './deps.js';

/** What the Odoo step did, for the order's timeline. */
export interface OdooOutcome {
  readonly pickingId: number;
  readonly backorderIds: readonly number[];
  readonly backorder: 'create' | 'none';
  readonly alreadyDone: boolean;
}

async function backorderRule(
  store: StoreSession,
  deps: ShipmentDeps,
  notice: ShipmentNotice,
  completes: boolean,
): Promise<'create' | 'none'> {
  // Nothing more will come from any warehouse: what is left on the delivery (a service line, a
  // line no warehouse was asked to ship) must not linger as an open backorder.
  if (completes) return 'none';
  const rule = deps.rules.backorder;
  if (rule !== 'warehouse') return rule;
  const closed = notice.lines.some((l) => l.outcome === 'closed');
  // A cancelled rest stays a backorder until the cancelledRest rule settles it (cancelTask.ts).
  const follows = notice.lines.some((l) => l.outcome === 'backorder' || l.outcome === 'cancelled');
  if (!closed || follows) return 'create';
  // Lines another warehouse ships live on the same Odoo delivery: only the sole warehouse may close it.
  const releases = await store.releases.listReleases(notice.shipment.orderRef);
  return releases.length <= 1 ? 'none' : 'create';
}

async function choosePicking(deps: ShipmentDeps, order: OrderRow, s: ShipmentRow): Promise<number> {
  if (s.pickingId !== null) return s.pickingId;
  const pickings = await deps.odoo.readPickings(order.odooId!);
  const open = pickings.filter((p) => p.kind === 'outgoing' && p.state !== 'done' && p.state !== 'cancel');
  const first = open.sort((a, b) => a.id - b.id)[0];
  if (!first)
    throw new FerryError(
      'rule_failed',
      `order ${order.ref} has no open delivery in Odoo for shipment ${s.shipmentId}`,
      {
        impact: Impact.blocksShipment,
        partner: 'odoo',
        entities: { orderRef: order.ref, shipmentId: s.shipmentId, odooOrder: order.odooId! },
      },
    );
  return first.id;
}

/** Validates the Odoo picking for this shipment (once); returns undefined when it was done before. */
export async function odooStep(
  store: StoreSession,
  deps: ShipmentDeps,
  order: OrderRow,
  s: ShipmentRow,
  notice: ShipmentNotice,
  /** True when this shipment leaves nothing open of what the warehouses were asked to ship. */
  completes: boolean,
  /** The warehouse's carrier code read as a name (carrier.ts). */
  carrier: ResolvedCarrier | undefined,
): Promise<OdooOutcome | undefined> {
  if (s.odooDoneAt !== null) return undefined;
  if (order.odooId === null)
    throw new FerryError('rule_failed', `order ${order.ref} shipped but has no Odoo sale order`, {
      impact: Impact.blocksShipment,
      entities: { orderRef: order.ref, shipmentId: s.shipmentId },
    });
  const pickingId = await choosePicking(deps, order, s);
  if (s.pickingId === null) await store.shipments.updateShipment(s.id, { pickingId, now: deps.clock.now() });
  const backorder = await backorderRule(store, deps, notice, completes);
  const shipment = notice.shipment;
  const tracking = shipment.trackingNumbers.join(', ');
  const r = await deps.odoo.validatePicking({
    pickingId,
    lines: shipment.lines.filter((l) => l.quantity > 0).map((l) => ({ sku: l.sku, quantity: l.quantity })),
    ...(carrier ? { carrier: carrier.name } : {}),
    ...(tracking ? { trackingRef: tracking } : {}),
    backorder,
  });
  await store.shipments.updateShipment(s.id, {
    odooDoneAt: deps.clock.now(),
    state: 'odoo_done',
    now: deps.clock.now(),
  });
  return { pickingId, backorderIds: r.backorderIds, backorder, alreadyDone: r.alreadyDone };
}
