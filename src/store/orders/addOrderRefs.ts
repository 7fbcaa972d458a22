import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Records cross-references (idempotent). */
export async function addOrderRefs(db: Kysely<DB>, orderId: number, refKeys: string[]): Promise<void> {
  if (refKeys.length === 0) return;
  await db
    .insertInto('order_refs')
    .values(refKeys.map((k) => ({ ref_key: k, order_id: orderId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
