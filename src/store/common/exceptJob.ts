import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
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
  const job = await db
    .updateTable('jobs')
    .set({
      state: 'excepted',
      errors: JSON.stringify(errors),
      lease_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', h.id)
    .where('lease_token', '=', h.token)
    .where('state', '=', 'running')
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
