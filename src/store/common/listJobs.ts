import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { JobRecord, JobState } from '../types.js';
import { toJobRecord } from './rows.js';

export interface JobFilter {
  lane?: string;
  state?: JobState;
  task?: string;
  limit?: number;
}

export async function listJobs(db: Kysely<DB>, f: JobFilter): Promise<JobRecord[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (f.lane) q = q.where('lane', '=', f.lane);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.task) q = q.where('task', '=', f.task);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .execute();
  return rows.map(toJobRecord);
}
