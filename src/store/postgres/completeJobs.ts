import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import type { LeaseHandle } from '../types.js';

/**
 * Completes jobs whose lease is still held, in one statement; returns their ids. The rows are
 * locked in id order first, the order heartbeats and recovery use, so a batch completion and a
 * heartbeat over the same worker's jobs queue behind each other instead of deadlocking.
 */
export async function completeJobs(db: Kysely<DB>, handles: LeaseHandle[], now: number): Promise<number[]> {
  if (handles.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    with d as (select unnest(${handles.map((h) => h.id)}::bigint[]) as id,
                      unnest(${handles.map((h) => h.token)}::text[]) as token),
    locked as (
      select jobs.id from jobs join d on jobs.id = d.id and jobs.lease_token = d.token
      where jobs.state = 'running' order by jobs.id for update of jobs)
    update jobs set state = 'completed', completed_at = ${now}, updated_at = ${now}, lease_until = null
    from locked where jobs.id = locked.id
    returning jobs.id`.execute(db);
  return rows.map((r) => Number(r.id));
}
