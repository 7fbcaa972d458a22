import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Updates one release; only the given fields change. */
export async function updateRelease(
  db: Kysely<DB>,
  id: number,
  patch: {
    state?: string;
    externalRef?: string;
    ackDueAt?: number | null;
    ackedAt?: number;
    alertedAt?: number;
    trace?: string | null;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('warehouse_releases')
    .set({
      updated_at: patch.now,
      ...(patch.state === undefined ? {} : { state: patch.state }),
      ...(patch.externalRef === undefined ? {} : { external_ref: patch.externalRef }),
      ...(patch.ackDueAt === undefined ? {} : { ack_due_at: patch.ackDueAt }),
      ...(patch.ackedAt === undefined ? {} : { acked_at: patch.ackedAt }),
      ...(patch.alertedAt === undefined ? {} : { alerted_at: patch.alertedAt }),
      ...(patch.trace === undefined ? {} : { trace: patch.trace }),
    })
    .where('id', '=', id)
    .execute();
}
