import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** The inbox messages received since a time (rejected ones aside) with their jobs, oldest first. */
export async function replayCandidates(db: Kysely<DB>, since: number) {
  return db
    .selectFrom('inbox')
    .leftJoin('jobs', 'jobs.id', 'inbox.job_id')
    .select([
      'inbox.id as inboxId',
      'inbox.payload_erased_at as erasedAt',
      'jobs.id as jobId',
      'jobs.state',
      'jobs.lane',
      'jobs.task',
      'jobs.payload',
      'jobs.priority',
      'jobs.max_attempts as maxAttempts',
      'jobs.ordering_key as orderingKey',
      'jobs.partner',
      'jobs.trace',
    ])
    .where('inbox.received_at', '>=', since)
    .where('inbox.status', '!=', 'rejected')
    .orderBy('inbox.id', 'asc')
    .execute();
}
