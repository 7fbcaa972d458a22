import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type OrderRow, toOrder } from './orderRows.js';

export async function getOrderByRef(db: Kysely<DB>, ref: string): Promise<OrderRow | null> {
  const r = await db.selectFrom('orders').selectAll().where('ref', '=', ref).executeTakeFirst();
  return r ? toOrder(r) : null;
}
