import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function markGroupAcked(
  db: Kysely<DB>,
  g: { partner: string; functionalId: string; groupControl: string },
  status: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('x12_ack_ledger')
    .set({ acked_at: now, ack_status: status })
    .where('partner', '=', g.partner)
    .where('functional_id', '=', g.functionalId)
    .where('group_control', '=', g.groupControl)
    .execute();
}
