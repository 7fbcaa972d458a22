import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** A warehouse's ship event received in the window, and when the channel got its tracking. */
export interface ShipmentLatency {
  warehouse: string;
  createdAt: number;
  channelDoneAt: number | null;
}

/** Shipments received since `from` (epoch ms): what the shipment service level is measured on. */
export async function shipmentLatencies(db: Kysely<DB>, from: number): Promise<ShipmentLatency[]> {
  const rows = await db
    .selectFrom('warehouse_shipments')
    .select(['warehouse', 'created_at', 'channel_done_at'])
    .where('created_at', '>=', from)
    .execute();
  return rows.map((r) => ({
    warehouse: r.warehouse,
    createdAt: Number(r.created_at),
    channelDoneAt: r.channel_done_at === null ? null : Number(r.channel_done_at),
  }));
}
