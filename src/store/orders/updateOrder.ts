import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Updates an order's data; its state changes only through `transitionOrder`. */
export async function updateOrder(
  db: Kysely<DB>,
  id: number,
  patch: {
    channelUpdatedAt?: string;
    canonical?: unknown;
    odooId?: number;
    odooName?: string;
    mappingVersion?: number;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('orders')
    .set({
      updated_at: patch.now,
      ...(patch.channelUpdatedAt === undefined ? {} : { channel_updated_at: patch.channelUpdatedAt }),
      ...(patch.canonical === undefined ? {} : { canonical: JSON.stringify(patch.canonical) }),
      ...(patch.odooId === undefined ? {} : { odoo_id: patch.odooId }),
      ...(patch.odooName === undefined ? {} : { odoo_name: patch.odooName }),
      ...(patch.mappingVersion === undefined ? {} : { mapping_version: patch.mappingVersion }),
    })
    .where('id', '=', id)
    .execute();
}
