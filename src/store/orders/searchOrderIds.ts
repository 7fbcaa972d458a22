import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { likeLiteral } from '../common/like.js';

/**
 * Ids of orders that any system's id points to. `text` may be a Ferry reference, a channel order id
 * or name, an Odoo id or name, a WMS reference or a tracking number: cross-references are stored
 * as `system:kind:id`, so a bare id matches on the part after the last colon.
 */
export async function searchOrderIds(db: Kysely<DB>, text: string, limit = 50): Promise<number[]> {
  const q = text.trim();
  if (!q) return [];
  const asNumber = /^\d+$/.test(q) ? Number(q) : null;
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('ref', '=', q),
        eb('channel_order_id', '=', q),
        eb('odoo_name', '=', q),
        ...(asNumber !== null && asNumber <= Number.MAX_SAFE_INTEGER ? [eb('odoo_id', '=', asNumber)] : []),
        eb(
          'id',
          'in',
          eb
            .selectFrom('order_refs')
            .select('order_id')
            .where((r) => r.or([r('ref_key', '=', q), likeLiteral('ref_key', { before: '%:', text: q })])),
        ),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
