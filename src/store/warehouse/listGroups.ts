import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type LedgerGroup, toGroup } from './ledgerRows.js';

/** Every group of a partner, oldest first. */
export async function listGroups(db: Kysely<DB>, partner: string): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('partner', '=', partner)
    .orderBy('sent_at')
    .execute();
  return rows.map(toGroup);
}
