import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { publishExceptionEvent } from '../events/publishExceptionEvent.js';

/**
 * Re-queues the jobs of open exceptions with a fresh set of attempts. Only open exceptions whose
 * job is still parked are replayed, so replaying twice never runs a job twice. Run in a transaction.
 */
export async function replayExceptions(
  db: Kysely<DB>,
  ids: number[],
  opts: { actor: string; now: number; payload?: unknown },
): Promise<number[]> {
  const replayed: number[] = [];
  for (const id of ids) {
    const exc = await db
      .selectFrom('exceptions')
      .select(['id', 'job_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exc || exc.status !== 'open') continue;
    const job = await db
      .updateTable('jobs')
      .set({
        state: 'ready',
        attempts: 0,
        run_at: opts.now,
        lease_token: null,
        updated_at: opts.now,
        ...(opts.payload === undefined ? {} : { payload: JSON.stringify(opts.payload) }),
      })
      .where('id', '=', exc.job_id)
      .where('state', '=', 'excepted')
      .executeTakeFirst();
    if (Number(job.numUpdatedRows) !== 1) continue;
    await db
      .updateTable('exceptions')
      .set({
        status: 'replayed',
        resolved_at: opts.now,
        resolved_by: opts.actor,
        updated_at: opts.now,
        resolution_note: opts.payload === undefined ? 'replayed' : 'payload edited and replayed',
      })
      .where('id', '=', id)
      .execute();
    await publishExceptionEvent(db, id, 'resolved', opts.now);
    replayed.push(id);
  }
  return replayed;
}
