import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type ReleaseRow, toRelease } from './releaseRows.js';

/** Releases of a warehouse by external reference (to tell a 940 group from a cancel group). */
export async function releasesByExternalRefs(
  db: Kysely<DB>,
  warehouse: string,
  externalRefs: string[],
): Promise<ReleaseRow[]> {
  if (externalRefs.length === 0) return [];
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('warehouse', '=', warehouse)
    .where('external_ref', 'in', externalRefs)
    .execute();
  return rows.map(toRelease);
}
