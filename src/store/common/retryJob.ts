import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AttemptRecord, LeaseHandle } from '../types.js';

/** Puts a failed job back for a later attempt; false when the lease was lost. */
export async function retryJob(
  db: Kysely<DB>,
  h: LeaseHandle,
  runAt: number,
  errors: AttemptRecord[],
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: runAt,
      errors: JSON.stringify(errors),
      lease_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', h.id)
    .where('lease_token', '=', h.token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
