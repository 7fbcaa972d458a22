import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import { LEASE_CLEARED, whereLeaseHeld } from './leaseHeld.js';
import type { LeaseHandle } from '../types.js';

/** Puts a job back without consuming the attempt its lease took. */
export async function deferJob(db: Kysely<DB>, h: LeaseHandle, runAt: number, now: number): Promise<boolean> {
  const r = await whereLeaseHeld(
    db.updateTable('jobs').set({
      state: 'ready',
      run_at: runAt,
      attempts: sql`attempts - 1`,
      ...LEASE_CLEARED,
      updated_at: now,
    }),
    h,
  ).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
