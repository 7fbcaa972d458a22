import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type LedgerGroup, toGroup } from './ledgerRows.js';

/** Groups still unacknowledged at `now` past their deadline and not yet alerted. */
export async function overdueGroups(db: Kysely<DB>, now: number): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('acked_at', 'is', null)
    .where('alerted_at', 'is', null)
    .where('ack_due_at', 'is not', null)
    .where('ack_due_at', '<=', now)
    .execute();
  return rows.map(toGroup);
}
