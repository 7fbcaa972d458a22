import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { LEASE_CLEARED, whereLeaseHeld } from './leaseHeld.js';
import type { AttemptRecord, LeaseHandle } from '../types.js';

/** Puts a failed job back for a later attempt; false when the lease was lost. */
export async function retryJob(
  db: Kysely<DB>,
  h: LeaseHandle,
  runAt: number,
  errors: AttemptRecord[],
  now: number,
): Promise<boolean> {
  const r = await whereLeaseHeld(
    db.updateTable('jobs').set({
      state: 'ready',
      run_at: runAt,
      errors: JSON.stringify(errors),
      ...LEASE_CLEARED,
      updated_at: now,
    }),
    h,
  ).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
