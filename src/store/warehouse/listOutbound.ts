import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { OutboundRow } from './outboundRows.js';
import { getOutbound } from './getOutbound.js';

/** Outbound interchanges of a partner, oldest first (tests and the admin view). */
export async function listOutbound(db: Kysely<DB>, partner: string): Promise<OutboundRow[]> {
  const rows = await db
    .selectFrom('x12_outbound')
    .select('purpose')
    .where('partner', '=', partner)
    .orderBy('id')
    .execute();
  const out: OutboundRow[] = [];
  for (const r of rows) {
    const row = await getOutbound(db, partner, r.purpose);
    if (row) out.push(row);
  }
  return out;
}
