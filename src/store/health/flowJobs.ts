import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { JobRecord, JobState } from '../types.js';
import { toJobRecord } from '../common/rows.js';
import { jobOrderRef, jobPartner } from './jobPartner.js';

/** The jobs behind a number of the health overview; every field narrows. */
export interface FlowJobFilter {
  lane?: string | undefined;
  state?: JobState | undefined;
  task?: string | undefined;
  /** The channel of the order the job works on, else the partner it names ('' for neither), as `flowOutcomes` counts. */
  partner?: string | undefined;
  /** completed_at ≥ completedFrom, completed_at < completedTo (epoch ms). */
  completedFrom?: number | undefined;
  completedTo?: number | undefined;
  limit: number;
}

/**
 * Jobs newest first, filtered as the overview's flow rows count them: a row's `completed` figure
 * is the length of this list for its task, partner and window.
 */
export async function flowJobs(db: Kysely<DB>, f: FlowJobFilter): Promise<JobRecord[]> {
  let q = db
    .selectFrom('jobs as j')
    .leftJoin('orders as o', (join) => join.on('o.ref', '=', jobOrderRef))
    .selectAll('j');
  if (f.lane) q = q.where('j.lane', '=', f.lane);
  if (f.state) q = q.where('j.state', '=', f.state);
  if (f.task) q = q.where('j.task', '=', f.task);
  if (f.partner !== undefined) q = q.where(jobPartner, '=', f.partner);
  if (f.completedFrom !== undefined) q = q.where('j.completed_at', '>=', f.completedFrom);
  if (f.completedTo !== undefined) q = q.where('j.completed_at', '<', f.completedTo);
  const rows = await q.orderBy('j.id', 'desc').limit(f.limit).execute();
  return rows.map(toJobRecord);
}
