import type { Kysely } from 'kysely';
import type { IntakeItem, IntakeResult } from '../port.js';
import type { DB } from '../schema.js';
import { enqueueJobs } from './enqueueJobs.js';
import { markInbox } from './markInbox.js';
import { receiveInbox } from './receiveInbox.js';

/**
 * The webhook intake's group commit on PostgreSQL: each message is stored, then its job enqueued
 * and the stored row pointed at the job, all in the caller's transaction. A repeated dedupe key is
 * counted on the original, as `receiveInbox` does. The lane of each job is added to `lanes`.
 */
export async function intakeInbox(
  db: Kysely<DB>,
  items: readonly IntakeItem[],
  now: number,
  lanes: Set<string>,
): Promise<IntakeResult[]> {
  const out: IntakeResult[] = [];
  for (const { msg, job } of items) {
    const r = await receiveInbox(db, msg);
    if (r.duplicate) out.push({ duplicate: true, inboxId: r.id });
    else if (!job) out.push({ duplicate: false, inboxId: r.id, jobId: null });
    else {
      const prepared = job(r.id);
      lanes.add(prepared.lane);
      const [res] = await enqueueJobs(db, [prepared], now);
      await markInbox(db, r.id, msg.status, now, { jobId: res!.id });
      out.push({ duplicate: false, inboxId: r.id, jobId: res!.id });
    }
  }
  return out;
}
