import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { LEASE_CLEARED, whereLeaseHeld } from './leaseHeld.js';
import type { AttemptRecord, LeaseHandle, NewException } from '../types.js';
import { insertException } from './insertException.js';

/**
 * Parks a leased job in the exception queue. Two statements: the caller runs this in a
 * transaction so that a job is never excepted without its exception row, or the reverse.
 */
export async function exceptJob(
  db: Kysely<DB>,
  h: LeaseHandle,
  exc: NewException,
  errors: AttemptRecord[],
  now: number,
): Promise<number | null> {
  const job = await whereLeaseHeld(
    db.updateTable('jobs').set({
      state: 'excepted',
      errors: JSON.stringify(errors),
      ...LEASE_CLEARED,
      updated_at: now,
    }),
    h,
  )
    .returning(['id', 'lane', 'task', 'payload', 'partner'])
    .executeTakeFirst();
  if (!job) return null;
  return insertException(
    db,
    { id: Number(job.id), lane: job.lane, task: job.task, payload: job.payload, partner: job.partner },
    exc,
    errors,
    now,
  );
}
