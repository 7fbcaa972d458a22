import type { Kysely } from 'kysely';
import type { Dialect } from '../port.js';
import { sql } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Puts back every job a stopping worker still holds, without using their attempts, so another
 * process takes them at once instead of waiting for the leases to run out.
 */
export async function releaseLeases(
  db: Kysely<DB>,
  dialect: Dialect,
  workerId: string,
  now: number,
): Promise<number> {
  // Locked in id order like every other multi-row writer (see extendLeases).
  let lock = db
    .selectFrom('jobs')
    .select('id')
    .where('locked_by', '=', workerId)
    .where('state', '=', 'running')
    .orderBy('id');
  if (dialect === 'postgres') lock = lock.forUpdate();
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: now,
      attempts: sql`attempts - 1`,
      locked_by: null,
      lease_until: null,
      lease_token: null,
      updated_at: now,
    })
    .where('id', 'in', lock)
    .where('locked_by', '=', workerId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
