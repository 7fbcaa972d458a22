import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function markGroupAlerted(
  db: Kysely<DB>,
  g: { partner: string; functionalId: string; groupControl: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('x12_ack_ledger')
    .set({ alerted_at: now })
    .where('partner', '=', g.partner)
    .where('functional_id', '=', g.functionalId)
    .where('group_control', '=', g.groupControl)
    .execute();
}
