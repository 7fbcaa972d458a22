import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type OrderRow, toOrder } from './orderRows.js';

export async function getOrder(db: Kysely<DB>, id: number): Promise<OrderRow | null> {
  const r = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toOrder(r) : null;
}
