import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AttemptRecord } from '../types.js';
import { parseJson } from './rows.js';
import { insertException } from './exceptJob.js';

/**
 * Returns the jobs of crashed or stalled workers to the queue once their lease has run out. A job
 * that keeps killing its worker stops after its last attempt and goes to the exception queue, so a
 * poison message cannot crash-loop the fleet. Run inside a transaction.
 */
export async function recoverExpired(
  db: Kysely<DB>,
  now: number,
): Promise<{ requeued: number; excepted: number }> {
  const expired = await db
    .selectFrom('jobs')
    .select(['id', 'lane', 'task', 'payload', 'partner', 'attempts', 'max_attempts', 'errors'])
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .limit(1000)
    .execute();
  let requeued = 0;
  let excepted = 0;
  for (const j of expired) {
    const attempts = Number(j.attempts);
    const entry: AttemptRecord = {
      attempt: attempts,
      at: now,
      code: 'lease_expired',
      message: 'lease expired before the job finished (worker stopped or stalled)',
      retryable: true,
    };
    const errors = [...parseJson<AttemptRecord[]>(j.errors, []), entry];
    const exhausted = attempts >= Number(j.max_attempts);
    const upd = await db
      .updateTable('jobs')
      .set({
        state: exhausted ? 'excepted' : 'ready',
        errors: JSON.stringify(errors),
        lease_until: null,
        locked_by: null,
        lease_token: null,
        updated_at: now,
        run_at: now,
      })
      .where('id', '=', j.id)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) continue;
    if (!exhausted) {
      requeued++;
      continue;
    }
    const exc = {
      code: 'lease_expired',
      message: `gave up after ${attempts} attempts whose leases all expired`,
      impact: 'info',
      partner: null,
      entities: {},
    };
    await insertException(
      db,
      { id: Number(j.id), lane: j.lane, task: j.task, payload: j.payload, partner: j.partner },
      exc,
      errors,
      now,
    );
    excepted++;
  }
  return { requeued, excepted };
}
