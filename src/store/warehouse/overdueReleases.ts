import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type ReleaseRow, toRelease } from './releaseRows.js';

/**
 * Sent releases past their acknowledgement deadline that have not been alerted yet. Only `sent`:
 * an acknowledged one needs no chasing, nor does a cancelled one (its order is cancelled).
 */
export async function overdueReleases(db: Kysely<DB>, now: number): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('state', '=', 'sent')
    .where('alerted_at', 'is', null)
    .where('ack_due_at', 'is not', null)
    .where('ack_due_at', '<=', now)
    .execute();
  return rows.map(toRelease);
}
