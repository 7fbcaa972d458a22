import type { Kysely, Selectable } from 'kysely';
import type { DB, WarehouseShipmentsTable } from '../schema.js';

/**
 * A warehouse shipment and how far its sync got. State: received → odoo_done → channel_done →
 * done. `channelSnapshot` holds what the channel had open before our fulfilment call, so a retry
 * can tell whether the first call landed (the channel has no idempotency key).
 */
export interface ShipmentRow {
  id: number;
  warehouse: string;
  shipmentId: string;
  orderRef: string;
  state: string;
  notice: unknown;
  pickingId: number | null;
  odooDoneAt: number | null;
  channelSnapshot: unknown;
  channelDoneAt: number | null;
  channelFulfillmentId: string | null;
  createdAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toShipment(r: Selectable<WarehouseShipmentsTable>): ShipmentRow {
  return {
    id: Number(r.id),
    warehouse: r.warehouse,
    shipmentId: r.shipment_id,
    orderRef: r.order_ref,
    state: r.state,
    notice: JSON.parse(r.notice) as unknown,
    pickingId: num(r.picking_id),
    odooDoneAt: num(r.odoo_done_at),
    channelSnapshot: r.channel_snapshot === null ? null : (JSON.parse(r.channel_snapshot) as unknown),
    channelDoneAt: num(r.channel_done_at),
    channelFulfillmentId: r.channel_fulfillment_id,
    createdAt: Number(r.created_at),
  };
}

/** Records a shipment; returns false when this warehouse already reported this shipment id. */
export async function insertShipment(
  db: Kysely<DB>,
  s: { warehouse: string; shipmentId: string; orderRef: string; notice: unknown; now: number },
): Promise<boolean> {
  const r = await db
    .insertInto('warehouse_shipments')
    .values({
      warehouse: s.warehouse,
      shipment_id: s.shipmentId,
      order_ref: s.orderRef,
      state: 'received',
      notice: JSON.stringify(s.notice),
      created_at: s.now,
      updated_at: s.now,
    })
    .onConflict((oc) => oc.columns(['warehouse', 'shipment_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function getShipment(
  db: Kysely<DB>,
  warehouse: string,
  shipmentId: string,
): Promise<ShipmentRow | null> {
  const r = await db
    .selectFrom('warehouse_shipments')
    .selectAll()
    .where('warehouse', '=', warehouse)
    .where('shipment_id', '=', shipmentId)
    .executeTakeFirst();
  return r ? toShipment(r) : null;
}

export async function listShipments(db: Kysely<DB>, orderRef: string): Promise<ShipmentRow[]> {
  const rows = await db
    .selectFrom('warehouse_shipments')
    .selectAll()
    .where('order_ref', '=', orderRef)
    .orderBy('id')
    .execute();
  return rows.map(toShipment);
}

/** Updates one shipment; only the given fields change. */
export async function updateShipment(
  db: Kysely<DB>,
  id: number,
  patch: {
    state?: string;
    pickingId?: number;
    odooDoneAt?: number;
    channelSnapshot?: unknown;
    channelDoneAt?: number;
    channelFulfillmentId?: string;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('warehouse_shipments')
    .set({
      updated_at: patch.now,
      ...(patch.state === undefined ? {} : { state: patch.state }),
      ...(patch.pickingId === undefined ? {} : { picking_id: patch.pickingId }),
      ...(patch.odooDoneAt === undefined ? {} : { odoo_done_at: patch.odooDoneAt }),
      ...(patch.channelSnapshot === undefined
        ? {}
        : { channel_snapshot: JSON.stringify(patch.channelSnapshot) }),
      ...(patch.channelDoneAt === undefined ? {} : { channel_done_at: patch.channelDoneAt }),
      ...(patch.channelFulfillmentId === undefined
        ? {}
        : { channel_fulfillment_id: patch.channelFulfillmentId }),
    })
    .where('id', '=', id)
    .execute();
}
