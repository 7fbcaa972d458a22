import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionRecord } from '../types.js';
import { toExceptionRecord } from '../common/rows.js';
import { likeLiteral } from './like.js';

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

/**
 * Exceptions that concern one order: raised by a job of its ordering key, or naming one of its ids
 * among their entities (ids are stored as JSON string values, so a quoted match is exact).
 */
export async function exceptionsForOrder(
  db: Kysely<DB>,
  o: { orderingKeys: string[]; ids: string[] },
): Promise<ExceptionRecord[]> {
  const ids = o.ids.filter(Boolean);
  const rows = await db
    .selectFrom('exceptions')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(o.orderingKeys.length
          ? [
              eb(
                'job_id',
                'in',
                eb.selectFrom('jobs').select('id').where('ordering_key', 'in', o.orderingKeys),
              ),
            ]
          : []),
        ...ids.map((id) => likeLiteral('entities', { before: '%', text: JSON.stringify(id), after: '%' })),
      ]),
    )
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toExceptionRecord);
}

/** Latest order creation time per channel, for the "no orders from a channel" alert. */
export async function lastOrderAtByChannel(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['channel', (eb) => eb.fn.max('created_at').as('at')])
    .groupBy('channel')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.at)]));
}

/** Open exceptions per impact. */
export async function openExceptionsByImpact(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('exceptions')
    .select(['impact', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('impact')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.impact, Number(r.n)]));
}

/** Exceptions created in [from, to). */
export async function countExceptionsCreated(db: Kysely<DB>, from: number, to: number): Promise<number> {
  const r = await db
    .selectFrom('exceptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
