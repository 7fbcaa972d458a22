import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import type { LeaseHandle } from '../types.js';

/** Puts a job back without consuming the attempt its lease took. */
export async function deferJob(db: Kysely<DB>, h: LeaseHandle, runAt: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: runAt,
      attempts: sql`attempts - 1`,
      lease_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', h.id)
    .where('lease_token', '=', h.token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
