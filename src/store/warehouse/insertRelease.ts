import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Records a release as pending; an existing one (a retry) is kept as it is. */
export async function insertRelease(
  db: Kysely<DB>,
  r: { orderRef: string; warehouse: string; request: unknown; now: number },
): Promise<void> {
  await db
    .insertInto('warehouse_releases')
    .values({
      order_ref: r.orderRef,
      warehouse: r.warehouse,
      state: 'pending',
      request: JSON.stringify(r.request),
      created_at: r.now,
      updated_at: r.now,
    })
    .onConflict((oc) => oc.columns(['order_ref', 'warehouse']).doNothing())
    .execute();
}
