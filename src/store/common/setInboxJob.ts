import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Points an inbox message at the job that now processes it. */
export async function setInboxJob(db: Kysely<DB>, inboxId: number, jobId: number): Promise<void> {
  await db.updateTable('inbox').set({ job_id: jobId }).where('id', '=', inboxId).execute();
}
