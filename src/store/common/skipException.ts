import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { publishExceptionEvent } from '../events/publishExceptionEvent.js';

/** Closes an open exception without running its job again; the reason is kept. Run in a transaction. */
export async function skipException(
  db: Kysely<DB>,
  id: number,
  opts: { actor: string; reason: string; now: number },
): Promise<boolean> {
  const r = await db
    .updateTable('exceptions')
    .set({
      status: 'skipped',
      resolved_at: opts.now,
      resolved_by: opts.actor,
      resolution_note: opts.reason,
      updated_at: opts.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('job_id')
    .executeTakeFirst();
  if (!r) return false;
  await db
    .updateTable('jobs')
    .set({ state: 'skipped', completed_at: opts.now, updated_at: opts.now })
    .where('id', '=', r.job_id)
    .where('state', '=', 'excepted')
    .execute();
  await publishExceptionEvent(db, id, 'resolved', opts.now);
  return true;
}
