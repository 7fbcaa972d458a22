import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Records what a handler in shadow mode would have written to a partner. */
export async function recordShadowWrite(
  db: Kysely<DB>,
  w: { lane: string; jobId: number; partner: string; operation: string; payload: unknown; at: number },
): Promise<void> {
  await db
    .insertInto('shadow_writes')
    .values({
      lane: w.lane,
      job_id: w.jobId,
      partner: w.partner,
      operation: w.operation,
      payload: JSON.stringify(w.payload),
      at: w.at,
    })
    .execute();
}
