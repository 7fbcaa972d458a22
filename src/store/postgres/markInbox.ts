import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { InboxStatus } from '../types.js';

export async function markInbox(
  db: Kysely<DB>,
  id: number,
  status: InboxStatus,
  now: number,
  details: { jobId?: number; reason?: string } = {},
): Promise<void> {
  await db
    .updateTable('inbox')
    .set({
      status,
      processed_at: now,
      ...(details.jobId === undefined ? {} : { job_id: details.jobId }),
      ...(details.reason === undefined ? {} : { reason: details.reason }),
    })
    .where('id', '=', id)
    .execute();
}
