import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Marks sent releases of a warehouse acknowledged by their external reference (ISA13, WMS id). */
export async function acknowledgeReleases(
  db: Kysely<DB>,
  warehouse: string,
  externalRefs: string[],
  now: number,
): Promise<number> {
  if (externalRefs.length === 0) return 0;
  const r = await db
    .updateTable('warehouse_releases')
    .set({ state: 'acknowledged', acked_at: now, updated_at: now })
    .where('warehouse', '=', warehouse)
    .where('state', '=', 'sent')
    .where('external_ref', 'in', externalRefs)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
