import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { toJobRecord } from '../common/rows.js';
import type { DB, JobsTable } from '../schema.js';
import type { JobRecord, LeaseRequest } from '../types.js';

/**
 * Leases ready jobs of one lane. `FOR UPDATE SKIP LOCKED` lets any number of processes lease
 * concurrently without waiting on each other. A job waits while an earlier job with the same
 * ordering key is ready or running: a competing worker skips the locked earlier job but still
 * sees it as ready, so it never takes the later one out of order.
 */
export async function leaseJobs(db: Kysely<DB>, req: LeaseRequest, token: string): Promise<JobRecord[]> {
  const { rows } = await sql<Selectable<JobsTable>>`
    with next as (
      select j.id from jobs j
      where j.state = 'ready' and j.lane = ${req.lane} and j.run_at <= ${req.now}
        and (j.ordering_key is null or not exists (
          select 1 from jobs p
          where p.ordering_key = j.ordering_key and p.id < j.id and p.state in ('ready', 'running')))
      order by j.priority desc, j.run_at, j.id
      limit ${req.limit}
      for update skip locked)
    update jobs set state = 'running', attempts = attempts + 1, lease_until = ${req.now + req.leaseMs},
      lease_token = ${token}, locked_by = ${req.workerId}, updated_at = ${req.now}
    from next where jobs.id = next.id
    returning jobs.*`.execute(db);
  return rows.map(toJobRecord).sort((a, b) => b.priority - a.priority || a.runAt - b.runAt || a.id - b.id);
}
