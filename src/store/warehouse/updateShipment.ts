import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
