import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type ShipmentRow, toShipment } from './shipmentRows.js';

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
