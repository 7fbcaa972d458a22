import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type LedgerGroup, toGroup } from './ledgerRows.js';

/** Groups of `partner` with this GS01 (for matching a 997; GS06 is compared numerically by the caller). */
export async function groupsByFunction(
  db: Kysely<DB>,
  partner: string,
  functionalId: string,
): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('partner', '=', partner)
    .where('functional_id', '=', functionalId)
    .execute();
  return rows.map(toGroup);
}
