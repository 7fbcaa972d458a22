import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type OrderRow, toOrder } from './orderRows.js';

/** Orders that any system's id points to: `shopify:order:55`, `odoo:sale.order:S00042`, a tracking number ... */
export async function findOrdersByRef(db: Kysely<DB>, refKey: string): Promise<OrderRow[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll('orders')
    .where((eb) =>
      eb.or([
        eb('ref', '=', refKey),
        eb('id', 'in', eb.selectFrom('order_refs').select('order_id').where('ref_key', '=', refKey)),
      ]),
    )
    .execute();
  return rows.map(toOrder);
}
