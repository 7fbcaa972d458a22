import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Ids of batches not finished, oldest first (to resume after a restart). */
export async function runningBatches(db: Kysely<DB>): Promise<number[]> {
  const rows = await db
    .selectFrom('console_batches')
    .select('id')
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
  return rows.map((r) => Number(r.id));
}
