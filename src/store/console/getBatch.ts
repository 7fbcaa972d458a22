import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toBatch, type BatchRow } from './batches.js';

/** One batch, or null. */
export async function getBatch(db: Kysely<DB>, id: number): Promise<BatchRow | null> {
  const r = await db.selectFrom('console_batches').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toBatch(r) : null;
}
