import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { InboxRecord, InboxStatus } from '../types.js';
import { toInboxRecord } from './rows.js';

export interface InboxFilter {
  ids?: number[];
  source?: string;
  kind?: string;
  status?: InboxStatus;
  /** received_at ≥ from (epoch ms). */
  from?: number;
  /** received_at < to (epoch ms). */
  to?: number;
  /** Default 100. */
  limit?: number;
}

/** A raw message with the state of the job that processed it (null when none, or purged). */
export interface InboxWithOutcome extends InboxRecord {
  jobState: string | null;
}

/** Raw inbound messages, newest first, with their processing outcome. */
export async function listInbox(db: Kysely<DB>, f: InboxFilter): Promise<InboxWithOutcome[]> {
  if (f.ids && f.ids.length === 0) return [];
  let q = db
    .selectFrom('inbox')
    .leftJoin('jobs', 'jobs.id', 'inbox.job_id')
    .selectAll('inbox')
    .select('jobs.state as job_state');
  if (f.ids) q = q.where('inbox.id', 'in', f.ids);
  if (f.source) q = q.where('inbox.source', '=', f.source);
  if (f.kind) q = q.where('inbox.kind', '=', f.kind);
  if (f.status) q = q.where('inbox.status', '=', f.status);
  if (f.from !== undefined) q = q.where('inbox.received_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('inbox.received_at', '<', f.to);
  const rows = await q
    .orderBy('inbox.id', 'desc')
    .limit(f.limit ?? 100)
    .execute();
  return rows.map((r) => ({ ...toInboxRecord(r), jobState: r.job_state }));
}
