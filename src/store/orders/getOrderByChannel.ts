import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type OrderRow, toOrder } from './orderRows.js';

export async function getOrderByChannel(
  db: Kysely<DB>,
  channel: string,
  channelOrderId: string,
): Promise<OrderRow | null> {
  const r = await db
    .selectFrom('orders')
    .selectAll()
    .where('channel', '=', channel)
    .where('channel_order_id', '=', channelOrderId)
    .executeTakeFirst();
  return r ? toOrder(r) : null;
}
