import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Latest order creation time per channel, for the "no orders from a channel" alert. */
export async function lastOrderAtByChannel(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['channel', (eb) => eb.fn.max('created_at').as('at')])
    .groupBy('channel')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.at)]));
}
