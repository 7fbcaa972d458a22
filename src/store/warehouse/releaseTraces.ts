import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** The trace context each of `orderRefs` was released to `warehouse` in, for the orders that have one. */
export async function releaseTraces(
  db: Kysely<DB>,
  warehouse: string,
  orderRefs: string[],
): Promise<Map<string, string>> {
  if (orderRefs.length === 0) return new Map();
  const rows = await db
    .selectFrom('warehouse_releases')
    .select(['order_ref', 'trace'])
    .where('warehouse', '=', warehouse)
    .where('order_ref', 'in', orderRefs)
    .where('trace', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.order_ref, r.trace!]));
}
