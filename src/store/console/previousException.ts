import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionRecord } from '../types.js';
import { toExceptionRecord } from '../common/rows.js';

/**
 * The exception raised before this one for the same business key: the same task on a job of the
 * same ordering key (one order's jobs share it). Null when there is none or the job had no key.
 */
export async function previousException(db: Kysely<DB>, id: number): Promise<ExceptionRecord | null> {
  const cur = await db
    .selectFrom('exceptions as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .select(['e.task', 'j.ordering_key'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!cur?.ordering_key) return null;
  const r = await db
    .selectFrom('exceptions')
    .selectAll()
    .where('task', '=', cur.task)
    .where('id', '<', id)
    .where('job_id', 'in', (eb) =>
      eb.selectFrom('jobs').select('id').where('ordering_key', '=', cur.ordering_key),
    )
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toExceptionRecord(r) : null;
}
