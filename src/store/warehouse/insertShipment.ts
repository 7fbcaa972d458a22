import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
