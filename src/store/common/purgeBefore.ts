import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Retention: deletes raw inbox messages received before `before` and finished jobs (completed or
 * skipped) that ended before it. Open work is never touched: an inbox row whose job has not
 * finished, excepted jobs, and jobs still queued or running stay.
 */
export async function purgeBefore(db: Kysely<DB>, before: number): Promise<{ inbox: number; jobs: number }> {
  const inbox = await db
    .deleteFrom('inbox')
    .where('received_at', '<', before)
    .where((eb) =>
      eb.or([
        eb('job_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs')
              .select('jobs.id')
              .whereRef('jobs.id', '=', 'inbox.job_id')
              .where('jobs.state', 'in', ['ready', 'running', 'excepted']),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  const jobs = await db
    .deleteFrom('jobs')
    .where('state', 'in', ['completed', 'skipped'])
    .where('completed_at', '<', before)
    .executeTakeFirst();
  return { inbox: Number(inbox.numDeletedRows), jobs: Number(jobs.numDeletedRows) };
}
