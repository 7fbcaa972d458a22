import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Parked (excepted) jobs of the same task and ordering key as `jobId`, older than it: the attempts
 * a newer success makes moot. One probe of the jobs_excepted_key index.
 */
export async function findSupersededJobs(
  db: Kysely<DB>,
  s: { orderingKey: string; task: string; jobId: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('ordering_key', '=', s.orderingKey)
    .where('task', '=', s.task)
    .where('state', '=', 'excepted')
    .where('id', '<', s.jobId)
    .execute();
  return rows.map((r) => Number(r.id));
}
