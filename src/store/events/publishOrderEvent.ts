import type { Kysely } from 'kysely';
import type { EventType } from '../../core/events/index.js';
import type { DB } from '../schema.js';
import { appendEvent } from './appendEvent.js';

/**
 * Writes an order event whose data is the canonical order as it stands in this transaction, with
 * the ids other systems know it by (Odoo's, the channel's, every cross-reference Ferry recorded:
 * warehouse orders, tracking numbers, EDI control numbers), so a subscriber needs no second call.
 */
export async function publishOrderEvent(
  db: Kysely<DB>,
  orderId: number,
  type: EventType,
  now: number,
): Promise<string | null> {
  const o = await db
    .selectFrom('orders')
    .select(['ref', 'channel', 'channel_order_id', 'state', 'canonical', 'odoo_id', 'odoo_name'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!o) return null;
  const refs = await db.selectFrom('order_refs').select('ref_key').where('order_id', '=', orderId).execute();
  return appendEvent(db, {
    type,
    subject: `order/${o.ref}`,
    now,
    data: {
      ref: o.ref,
      state: o.state,
      channel: o.channel,
      channelOrderId: o.channel_order_id,
      odoo: o.odoo_id === null ? null : { id: Number(o.odoo_id), name: o.odoo_name },
      references: refs.map((r) => r.ref_key).sort(),
      order: JSON.parse(o.canonical) as unknown,
    },
  });
}
