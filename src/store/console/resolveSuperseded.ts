import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Resolves the open exceptions of these parked jobs, superseded by job `byJobId` that succeeded,
 * and closes the jobs as skipped so nobody replays stale work. Returns the exception ids
 * resolved. Run in a transaction.
 */
export async function resolveSuperseded(
  db: Kysely<DB>,
  s: { jobIds: readonly number[]; byJobId: number; now: number },
): Promise<{ id: number; jobId: number }[]> {
  if (s.jobIds.length === 0) return [];
  const rows = await db
    .updateTable('exceptions')
    .set({
      status: 'resolved',
      resolved_at: s.now,
      resolved_by: 'ferry',
      resolution_note: `superseded: job ${s.byJobId} of the same business key succeeded`,
      updated_at: s.now,
    })
    .where('status', '=', 'open')
    .where('job_id', 'in', [...s.jobIds])
    .returning(['id', 'job_id'])
    .execute();
  const jobIds = rows.map((r) => Number(r.job_id));
  if (jobIds.length)
    await db
      .updateTable('jobs')
      .set({ state: 'skipped', completed_at: s.now, updated_at: s.now })
      .where('id', 'in', jobIds)
      .where('state', '=', 'excepted')
      .execute();
  return rows.map((r) => ({ id: Number(r.id), jobId: Number(r.job_id) }));
}
