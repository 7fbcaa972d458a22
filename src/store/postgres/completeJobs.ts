import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import type { LeaseHandle } from '../types.js';

/** Completes jobs whose lease is still held, in one statement; returns their ids. */
export async function completeJobs(db: Kysely<DB>, handles: LeaseHandle[], now: number): Promise<number[]> {
  if (handles.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    update jobs set state = 'completed', completed_at = ${now}, updated_at = ${now}, lease_until = null
    from (select unnest(${handles.map((h) => h.id)}::bigint[]) as id,
                 unnest(${handles.map((h) => h.token)}::text[]) as token) d
    where jobs.id = d.id and jobs.lease_token = d.token and jobs.state = 'running'
    returning jobs.id`.execute(db);
  return rows.map((r) => Number(r.id));
}
