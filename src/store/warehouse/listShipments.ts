import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type ShipmentRow, toShipment } from './shipmentRows.js';

export async function listShipments(db: Kysely<DB>, orderRef: string): Promise<ShipmentRow[]> {
  const rows = await db
    .selectFrom('warehouse_shipments')
    .selectAll()
    .where('order_ref', '=', orderRef)
    .orderBy('id')
    .execute();
  return rows.map(toShipment);
}
