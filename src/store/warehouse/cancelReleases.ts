import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Marks every release of an order that is not cancelled yet as cancelled (Ferry cancelled the
 * order). A cancelled release is no longer chased: the deadline check takes `sent` releases only,
 * and a late 997 acknowledges `sent` releases only. Returns how many rows changed.
 */
export async function cancelReleases(db: Kysely<DB>, orderRef: string, now: number): Promise<number> {
  const r = await db
    .updateTable('warehouse_releases')
    .set({ state: 'cancelled', updated_at: now })
    .where('order_ref', '=', orderRef)
    .where('state', '!=', 'cancelled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
