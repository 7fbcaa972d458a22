import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toJobRecord } from './rows.js';
import type { JobRecord } from '../types.js';

export async function getJob(db: Kysely<DB>, id: number): Promise<JobRecord | null> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJobRecord(r) : null;
}
