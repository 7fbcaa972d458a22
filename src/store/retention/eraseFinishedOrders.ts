import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { FINISHED_ORDER_STATES } from './retentionRules.js';
import { eraseOrders } from './eraseOrders.js';

/**
 * Erases customer data of finished orders last changed before `before`; returns how many. Each
 * order is rewritten from its stored canonical JSON, keeping what accounting needs (see erase.ts).
 */
export async function eraseFinishedOrders(db: Kysely<DB>, before: number, now: number): Promise<number> {
  const due = await db
    .selectFrom('orders')
    .select('id')
    .where('personal_data_erased_at', 'is', null)
    .where('state', 'in', [...FINISHED_ORDER_STATES])
    .where('updated_at', '<', before)
    .execute();
  return eraseOrders(
    db,
    due.map((o) => Number(o.id)),
    now,
  );
}
