import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function markOutboundSent(db: Kysely<DB>, id: number, now: number): Promise<void> {
  await db.updateTable('x12_outbound').set({ sent_at: now }).where('id', '=', id).execute();
}
