import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type ReleaseRow, toRelease } from './releaseRows.js';

export async function listReleases(db: Kysely<DB>, orderRef: string): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('order_ref', '=', orderRef)
    .orderBy('id')
    .execute();
  return rows.map(toRelease);
}
